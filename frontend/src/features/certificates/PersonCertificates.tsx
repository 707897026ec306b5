import { useT } from '../../shared/i18n/context';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { CertificateTable } from './CertificateTable';
import { useCertificates } from './queries';
import { ReprintView, useReprint } from './Reprint';

/** A person's certificates (as holder), newest first, on the person page. */
export function PersonCertificates({ personId }: { personId: string }) {
  const t = useT();
  const list = useCertificates({ personId, limit: 20 }, 'personCertificates');
  const reprint = useReprint();
  return (
    <section className="section" aria-labelledby="person-certificates">
      <h2 id="person-certificates">{t('cert.personTitle')}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ProblemNotice error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="muted">{t('cert.personNone')}</p>
      ) : (
        <CertificateTable
          rows={list.data}
          caption={t('cert.personTitle')}
          captionHidden
          onReprint={reprint.open}
          pendingNumber={reprint.pending}
          testId="person-certificates"
        />
      )}
      <ReprintView reprint={reprint} />
    </section>
  );
}
