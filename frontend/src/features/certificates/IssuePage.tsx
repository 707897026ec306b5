import { Link, useParams } from 'react-router';
import { useT } from '../../shared/i18n/context';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { usePerson } from '../registry/queries';
import { IssueForm } from './IssueForm';
import { useCatalogue } from './queries';

/** 증명서 발급 (`/persons/:personId/certificates/new`), from the person page. */
export function IssuePage() {
  const { personId = '' } = useParams();
  const t = useT();
  const person = usePerson(personId);
  const catalogue = useCatalogue();
  const name = person.data?.name ?? '';
  const back = (
    <Link className="button" to={`/persons/${personId}`}>
      {t('certIssue.toPerson')}
    </Link>
  );
  return (
    <>
      <PageTitle title={name ? `${t('certIssue.title')} — ${name}` : t('certIssue.title')} actions={back}>
        {t('certIssue.title')}
        {name ? <span className="subtitle">{name}</span> : null}
      </PageTitle>
      <p className="muted">{t('certIssue.lead')}</p>
      {person.isPending || catalogue.isPending ? (
        <Loading />
      ) : person.isError || catalogue.isError ? (
        <ProblemNotice error={person.error ?? catalogue.error} />
      ) : (
        <>
          <section className="panel" aria-labelledby="cert-holder">
            <h2 id="cert-holder">{t('certIssue.holder')}</h2>
            <dl className="details details--inline">
              <dt>{t('person.name')}</dt>
              <dd>{person.data.name}</dd>
              <dt>{t('person.rrn')}</dt>
              <dd className="mono">{person.data.rrn_masked}</dd>
              <dt>{t('person.addressTitle')}</dt>
              <dd>
                {person.data.address.sigungu_name} {person.data.address.emd_name ?? ''} {person.data.address.address}
              </dd>
            </dl>
          </section>
          <IssueForm personId={person.data.id} catalogue={catalogue.data} />
        </>
      )}
    </>
  );
}
