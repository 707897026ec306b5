import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../shared/i18n/context';

/**
 * An object URL for a PDF the API answered (the token is not in any link, so the file is fetched by
 * the client and shown from memory). The previous URL is released when a new one is made, and the
 * last one when the screen closes.
 */
export function useBlobUrl(): [string | null, (blob: Blob) => void, () => void] {
  const current = useRef<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const release = useCallback(() => {
    if (current.current) URL.revokeObjectURL(current.current);
    current.current = null;
  }, []);
  const show = useCallback(
    (blob: Blob) => {
      release();
      // Typed as PDF whatever the body said, so the browser's viewer takes it.
      current.current = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
      setUrl(current.current);
    },
    [release],
  );
  const clear = useCallback(() => {
    release();
    setUrl(null);
  }, [release]);
  useEffect(() => release, [release]);
  return [url, show, clear];
}

interface Props {
  url: string;
  /** What the document is, for the frame's accessible name and the download link. */
  title: string;
  filename: string;
  testId?: string;
}

/** The PDF in the page, with a download link for those whose browser does not show it inline. */
export function PdfViewer({ url, title, filename, testId }: Props) {
  const t = useT();
  return (
    <div className="pdf" data-testid={testId}>
      <p className="actions">
        <a className="button button--small" href={url} download={filename}>
          {t('pdf.download', { title })}
        </a>
        <a className="button button--small" href={url} target="_blank" rel="noreferrer">
          {t('pdf.open')}
        </a>
      </p>
      <object className="pdf__frame" data={url} type="application/pdf" aria-label={title} title={title}>
        <p>
          {t('pdf.noViewer')}{' '}
          <a href={url} download={filename}>
            {t('pdf.download', { title })}
          </a>
        </p>
      </object>
    </div>
  );
}
