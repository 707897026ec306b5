import { Link, useParams } from 'react-router';
import type { CertificateRead } from '../../api/types';
import { formatDate, formatDateTime } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { programLabel } from '../cases/labels';
import { channelLabel, inPrintOrder, purposeLabel, typeLabel } from './catalogue';
import { PrintedItems } from './PrintedItems';
import { useCertificate } from './queries';
import { ReprintView, useReprint } from './Reprint';
import { CertificateStatusBadge } from './StatusBadge';

/** What the certificate vouched for: one row per entitlement, with the days it covers. */
function Lines({ certificate }: { certificate: CertificateRead }) {
  const { t, lang } = useI18n();
  if (certificate.lines.length === 0) return <p className="muted">{t('certDetail.noLines')}</p>;
  const forChild = certificate.lines.some((l) => l.beneficiary_name);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="certificate-lines">
        <caption className="visually-hidden">{t('certDetail.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('certDetail.program')}</th>
            <th scope="col">{t('certDetail.startDate')}</th>
            <th scope="col">{t('certDetail.certified')}</th>
            {forChild ? <th scope="col">{t('certDetail.beneficiary')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {certificate.lines.map((l) => (
            <tr key={l.entitlement_id}>
              <th scope="row">{programLabel(t, l.program)}</th>
              <td>{formatDate(l.start_date, lang)}</td>
              <td>
                {formatDate(l.certified_from, lang)} – {formatDate(l.certified_through, lang)}
              </td>
              {forChild ? <td>{l.beneficiary_name ?? '—'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Details({ certificate: c }: { certificate: CertificateRead }) {
  const { t, lang } = useI18n();
  return (
    <dl className="details">
      <dt>{t('cert.status')}</dt>
      <dd data-testid="certificate-status">
        <CertificateStatusBadge status={c.status} />
        {c.revoked_at ? <span className="muted small"> {t('certDetail.revokedAt', { at: formatDateTime(c.revoked_at, lang) })}</span> : null}
      </dd>
      {c.status === 'revoked' ? (
        <>
          <dt>{t('certDetail.revokedReason')}</dt>
          <dd>{c.revoked_reason ?? '—'}</dd>
        </>
      ) : null}
      <dt>{t('cert.type')}</dt>
      <dd>{typeLabel(t, c.certificate_type, c.title)}</dd>
      <dt>{t('cert.holder')}</dt>
      <dd>
        <Link to={`/persons/${c.holder.id}`}>{c.holder.name}</Link> <span className="mono">{c.holder.rrn_masked}</span>
      </dd>
      <dt>{t('cert.purpose')}</dt>
      <dd>{purposeLabel(t, c.purpose, c.purpose_label)}</dd>
      {c.period ? (
        <>
          <dt>{t('certIssue.period')}</dt>
          <dd>
            {formatDate(c.period.start, lang)} – {formatDate(c.period.end, lang)}
          </dd>
        </>
      ) : null}
      <dt>{t('cert.issuedOn')}</dt>
      <dd>
        {formatDate(c.issued_on, lang)} <span className="muted small">({formatDateTime(c.issued_at, lang)})</span>
      </dd>
      <dt>{t('cert.issuer')}</dt>
      <dd>{c.issuer}</dd>
      <dt>{t('cert.channel')}</dt>
      <dd>{channelLabel(t, c.channel)}</dd>
      <dt>{t('certDetail.issuedBy')}</dt>
      <dd className="mono">{c.issued_by}</dd>
      <dt>{t('certDetail.fullRrn')}</dt>
      <dd>{c.full_rrn_printed ? t('certDetail.fullRrnYes') : t('certDetail.fullRrnNo')}</dd>
      <dt>{t('cert.printedItems')}</dt>
      <dd>
        <PrintedItems items={inPrintOrder(c.printed_items)} testId="certificate-items" />
      </dd>
      <dt>{t('certDetail.verifications')}</dt>
      <dd data-testid="verification-count">{t('certDetail.verificationCount', { count: c.verification_count })}</dd>
    </dl>
  );
}

/** One issued certificate (`/certificates/:number`): everything the 발급대장 holds, and the reprint. */
export function CertificateDetailPage() {
  const { number = '' } = useParams();
  const { t } = useI18n();
  const certificate = useCertificate(number);
  const reprint = useReprint();
  const back = (
    <Link className="button" to="/certificates">
      {t('certDetail.toRegister')}
    </Link>
  );
  const header = (
    <PageTitle title={`${t('certDetail.title')} ${number}`} actions={back}>
      {t('certDetail.title')} <span className="subtitle mono">{number}</span>
    </PageTitle>
  );
  if (certificate.isPending) {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  if (certificate.isError) {
    return (
      <>
        {header}
        <ProblemNotice error={certificate.error} />
      </>
    );
  }
  const c = certificate.data;
  return (
    <>
      {header}
      {c.status === 'revoked' ? (
        <Notice tone="warning">
          <strong>{t('certDetail.revokedTitle')}</strong> {t('certDetail.revokedBody')}
        </Notice>
      ) : null}
      <section className="panel" aria-labelledby="cert-detail">
        <h2 id="cert-detail">{t('certDetail.summary')}</h2>
        <Details certificate={c} />
        <p className="hint">{t('certDetail.codeNotKept')}</p>
      </section>
      <section className="panel" aria-labelledby="cert-lines">
        <h2 id="cert-lines">{t('certDetail.lines')}</h2>
        <Lines certificate={c} />
      </section>
      <section className="section" aria-labelledby="cert-pdf">
        <h2 id="cert-pdf">{t('certDetail.pdf')}</h2>
        <p className="actions">
          <button type="button" className="button" disabled={reprint.pending !== null} onClick={() => reprint.open(c.document_number)}>
            {reprint.pending ? t('common.loading') : t('cert.reprint')}
          </button>
        </p>
        <ReprintView reprint={reprint} />
      </section>
    </>
  );
}
