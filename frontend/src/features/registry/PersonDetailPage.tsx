import { Link, useParams } from 'react-router';
import { useI18n } from '../../shared/i18n/context';
import { formatDateTime } from '../../shared/format';
import { Flash } from '../../shared/ui/Flash';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { SCOPES } from '../auth/scopes';
import { useHasScope } from '../auth/useSession';
import { usePerson } from './queries';
import { RrnReveal } from './RrnReveal';
import { PersonApplications } from '../cases/PersonApplications';
import { PersonCertificates } from '../certificates/PersonCertificates';

export function PersonDetailPage() {
  const { personId = '' } = useParams();
  const { t, lang } = useI18n();
  const person = usePerson(personId);
  const canWrite = useHasScope(SCOPES.registryWrite);
  const canSeeRrn = useHasScope(SCOPES.registryRrn);
  const canApply = useHasScope(SCOPES.applicationsWrite);
  const canReadApplications = useHasScope(SCOPES.applicationsRead);
  const canReadCertificates = useHasScope(SCOPES.certificatesRead);
  const canIssueCertificates = useHasScope(SCOPES.certificatesWrite);

  if (person.isPending) {
    return (
      <>
        <PageTitle title={t('person.title')}>{t('person.title')}</PageTitle>
        <Loading />
      </>
    );
  }
  if (person.isError) {
    return (
      <>
        <PageTitle title={t('person.title')}>{t('person.title')}</PageTitle>
        <ProblemNotice error={person.error} />
        <p>
          <Link to="/persons/search">{t('search.back')}</Link>
        </p>
      </>
    );
  }
  const p = person.data;
  const actions = canWrite || canApply || canIssueCertificates ? (
    <>
      {canApply ? (
        <Link className="button button--primary" to={`/applications/new?person=${p.id}`}>
          {t('person.apply')}
        </Link>
      ) : null}
      {canIssueCertificates ? (
        <Link className="button" to={`/persons/${p.id}/certificates/new`}>
          {t('cert.issueLink')}
        </Link>
      ) : null}
      {canWrite ? (
        <Link className="button" to={`/persons/${p.id}/edit`}>
          {t('person.edit')}
        </Link>
      ) : null}
      {!canWrite || p.household ? null : (
        <Link className="button" to={`/households/new?head=${p.id}`}>
          {t('household.createWithHead')}
        </Link>
      )}
    </>
  ) : null;

  return (
    <>
      <PageTitle title={`${p.name} — ${t('person.title')}`} actions={actions}>
        {p.name} <span className="subtitle">{t('person.title')}</span>
      </PageTitle>
      <Flash />
      <section className="panel" aria-labelledby="person-basic">
        <h2 id="person-basic">{t('person.basic')}</h2>
        <dl className="details">
          <dt>{t('person.name')}</dt>
          <dd>{p.name}</dd>
          <dt>{t('person.rrn')}</dt>
          <dd>
            {canSeeRrn ? (
              <RrnReveal personId={p.id} masked={p.rrn_masked} personName={p.name} />
            ) : (
              <span className="mono">{p.rrn_masked}</span>
            )}
          </dd>
          <dt>{t('person.birthDate')}</dt>
          <dd>{p.birth_date}</dd>
          <dt>{t('person.sex')}</dt>
          <dd>{t(`sex.${p.sex}`)}</dd>
          <dt>{t('person.foreign')}</dt>
          <dd>{p.foreign_resident ? t('common.yes') : t('common.no')}</dd>
          <dt>{t('person.disability')}</dt>
          <dd>{t(`disability.${p.disability}`)}</dd>
          <dt>{t('person.phone')}</dt>
          <dd>{p.phone ?? '—'}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="person-address">
        <h2 id="person-address">{t('person.addressTitle')}</h2>
        <dl className="details">
          <dt>{t('person.sigungu')}</dt>
          <dd>
            {p.address.sigungu_name} ({p.address.sigungu_code})
          </dd>
          <dt>{t('person.emd')}</dt>
          <dd>{p.address.emd_name ? `${p.address.emd_name} (${p.address.emd_code ?? ''})` : (p.address.emd_code ?? '—')}</dd>
          <dt>{t('person.address')}</dt>
          <dd>{p.address.address}</dd>
          <dt>{t('person.bank')}</dt>
          <dd>{p.bank_account ? `${p.bank_account.bank_name} ${p.bank_account.account_masked}` : '—'}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="person-household">
        <h2 id="person-household">{t('person.household')}</h2>
        {p.household ? (
          <p>
            <Link to={`/households/${p.household.household_id}`}>{t('person.householdLink')}</Link>{' '}
            <span className="muted">({t(`relation.${p.household.relation}` as 'relation.head')})</span>
          </p>
        ) : (
          <p className="muted">{t('person.noHousehold')}</p>
        )}
      </section>
      {canReadApplications ? <PersonApplications personId={p.id} /> : null}
      {canReadCertificates ? <PersonCertificates personId={p.id} /> : null}
      <p className="muted small">
        {t('person.meta', {
          version: p.version,
          created: formatDateTime(p.created_at, lang),
          updated: formatDateTime(p.updated_at, lang),
        })}
      </p>
    </>
  );
}
