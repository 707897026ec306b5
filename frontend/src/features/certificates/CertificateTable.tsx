import { Link } from 'react-router';
import type { CertificateRead } from '../../api/types';
import { formatDate } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { channelLabel, purposeLabel, typeLabel } from './catalogue';
import { CertificateStatusBadge } from './StatusBadge';

interface Props {
  rows: readonly CertificateRead[];
  caption: string;
  captionHidden?: boolean;
  /** The 발급대장 lists everyone's; a person's own page does not repeat the name. */
  showHolder?: boolean;
  onReprint: (number: string) => void;
  pendingNumber: string | null;
  testId?: string;
}

/** Issued certificates, newest first; the number opens the record, 재출력 shows the PDF as issued. */
export function CertificateTable({ rows, caption, captionHidden, showHolder, onReprint, pendingNumber, testId }: Props) {
  const { t, lang } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cert.number')}</th>
            <th scope="col">{t('cert.type')}</th>
            {showHolder ? <th scope="col">{t('cert.holder')}</th> : null}
            <th scope="col">{t('cert.purpose')}</th>
            <th scope="col">{t('cert.issuedOn')}</th>
            <th scope="col">{t('cert.issuer')}</th>
            {showHolder ? <th scope="col">{t('cert.channel')}</th> : null}
            <th scope="col">{t('cert.status')}</th>
            <th scope="col">{t('common.action')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.document_number}>
              <th scope="row" className="nowrap">
                <Link className="mono" to={`/certificates/${c.document_number}`}>
                  {c.document_number}
                </Link>
              </th>
              <td>{typeLabel(t, c.certificate_type, c.title)}</td>
              {showHolder ? (
                <td>
                  <Link to={`/persons/${c.holder.id}`}>{c.holder.name}</Link>{' '}
                  <span className="muted mono small">{c.holder.rrn_masked}</span>
                </td>
              ) : null}
              <td>{purposeLabel(t, c.purpose, c.purpose_label)}</td>
              <td className="nowrap">{formatDate(c.issued_on, lang)}</td>
              <td>{c.issuer}</td>
              {showHolder ? <td>{channelLabel(t, c.channel)}</td> : null}
              <td>
                <CertificateStatusBadge status={c.status} />
              </td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="button button--small"
                  disabled={pendingNumber === c.document_number}
                  onClick={() => onReprint(c.document_number)}
                >
                  {pendingNumber === c.document_number ? t('common.loading') : t('cert.reprint')}
                  <span className="visually-hidden"> {c.document_number}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
