import { useState } from 'react';
import type { Purpose } from '../../api/purpose';
import { problemText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import { Notice } from '../../shared/ui/Notice';
import { PdfViewer, useBlobUrl } from '../cases/PdfViewer';
import { useCertificatePdf } from './queries';

export interface Reprint {
  open: (number: string) => void;
  /** The number being fetched, if any. */
  pending: string | null;
  error: unknown;
  url: string | null;
  shown: { number: string; revoked: boolean } | null;
}

/** Fetches an issued certificate's PDF with the token (never a link carrying it) and keeps it for the
 * viewer; one at a time, the previous one released. */
export function useReprint(why: Purpose = 'certificateReprint'): Reprint {
  const pdf = useCertificatePdf(why);
  const [url, show, clear] = useBlobUrl();
  const [shown, setShown] = useState<Reprint['shown']>(null);
  const open = (number: string) => {
    clear();
    setShown(null);
    pdf.mutate(number, {
      onSuccess: ({ blob, revoked }) => {
        show(blob);
        setShown({ number, revoked });
      },
    });
  };
  return { open, pending: pdf.isPending ? pdf.variables : null, error: pdf.error, url, shown };
}

/** The reprinted PDF in the page, with a warning when the certificate no longer stands. */
export function ReprintView({ reprint }: { reprint: Reprint }) {
  const t = useT();
  if (reprint.error) return <Notice tone="error">{problemText(reprint.error, t)}</Notice>;
  if (!reprint.url || !reprint.shown) return null;
  const { number, revoked } = reprint.shown;
  return (
    <section className="section" aria-label={t('cert.pdfTitle', { number })}>
      {revoked ? <Notice tone="warning">{t('cert.revokedPdf')}</Notice> : null}
      <PdfViewer url={reprint.url} title={t('cert.pdfTitle', { number })} filename={`증명서-${number}.pdf`} testId="certificate-pdf" />
    </section>
  );
}
