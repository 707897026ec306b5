import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { CertificateIssued } from '../../api/types';
import { problemText } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Loading, Notice } from '../../shared/ui/Notice';
import { PdfViewer, useBlobUrl } from '../cases/PdfViewer';
import { inPrintOrder, purposeLabel, typeLabel } from './catalogue';
import { PrintedItems } from './PrintedItems';
import { useIssuedPdf } from './queries';

/**
 * A certificate just issued: its number and 문서확인번호 (shown this once — the API keeps only a hash
 * of the code), the public verification link the QR code holds, and the PDF as issued.
 */
export function IssuedResult({ issued }: { issued: CertificateIssued }) {
  const { t, lang } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const pdf = useIssuedPdf(issued.document_number);
  const [url, show] = useBlobUrl();
  useEffect(() => heading.current?.focus(), [issued.document_number]);
  useEffect(() => {
    if (pdf.data) show(pdf.data);
  }, [pdf.data, show]);

  return (
    <section className="panel panel--issued" aria-labelledby="cert-issued" data-testid="certificate-issued">
      <h2 id="cert-issued" ref={heading} tabIndex={-1}>
        {t('certIssue.doneTitle')}
      </h2>
      <Notice tone="success" live>
        {t('certIssue.done', { number: issued.document_number })}
      </Notice>
      <dl className="details">
        <dt>{t('cert.number')}</dt>
        <dd className="mono" data-testid="issued-number">
          {issued.document_number}
        </dd>
        <dt>{t('cert.code')}</dt>
        <dd>
          <span className="mono cert-code" data-testid="issued-code">
            {issued.verification_code}
          </span>
          <p className="hint">{t('certIssue.codeOnce')}</p>
        </dd>
        <dt>{t('cert.type')}</dt>
        <dd>{typeLabel(t, issued.certificate_type, issued.title)}</dd>
        <dt>{t('cert.purpose')}</dt>
        <dd>{purposeLabel(t, issued.purpose, issued.purpose_label)}</dd>
        <dt>{t('cert.issuedOn')}</dt>
        <dd>{formatDate(issued.issued_on, lang)}</dd>
        <dt>{t('cert.issuer')}</dt>
        <dd>{issued.issuer}</dd>
        <dt>{t('cert.printedItems')}</dt>
        <dd>
          <PrintedItems items={inPrintOrder(issued.printed_items)} />
        </dd>
      </dl>
      <p className="actions">
        <a className="button" href={issued.verification_url} target="_blank" rel="noreferrer" data-testid="verification-link">
          {t('certIssue.verifyLink')}
          <span className="visually-hidden"> ({t('cert.newTab')})</span>
        </a>
        <Link className="button" to={`/certificates/${issued.document_number}`}>
          {t('certIssue.toRecord')}
        </Link>
      </p>
      {pdf.isPending ? <Loading /> : pdf.isError ? <Notice tone="error">{problemText(pdf.error, t)}</Notice> : null}
      {url ? (
        <PdfViewer
          url={url}
          title={t('cert.pdfTitle', { number: issued.document_number })}
          filename={`증명서-${issued.document_number}.pdf`}
          testId="issued-pdf"
        />
      ) : null}
    </section>
  );
}
