import { useT } from '../../shared/i18n/context';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { ApplicationTable } from './ApplicationTable';
import { useApplications } from './queries';

/** A person's applications (as applicant), newest first, on the person page. */
export function PersonApplications({ personId }: { personId: string }) {
  const t = useT();
  const list = useApplications({ personId, limit: 20 });
  return (
    <section className="section" aria-labelledby="person-applications">
      <h2 id="person-applications">{t('person.applications')}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ProblemNotice error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="muted">{t('person.noApplications')}</p>
      ) : (
        <ApplicationTable rows={list.data} caption={t('person.applications')} captionHidden testId="person-applications" />
      )}
    </section>
  );
}
