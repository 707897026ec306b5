import { useSearchParams } from 'react-router';
import type { PersonRead, PersonSummary } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { usePerson } from '../registry/queries';
import { IntakeForm } from './IntakeForm';

function summaryOf(p: PersonRead): PersonSummary {
  return {
    id: p.id,
    name: p.name,
    rrn_masked: p.rrn_masked,
    birth_date: p.birth_date,
    sex: p.sex,
    sigungu_code: p.address.sigungu_code,
    emd_name: p.address.emd_name ?? null,
  };
}

/** The applicant the person page sent (`?person=`), already chosen. */
function WithApplicant({ id }: { id: string }) {
  const person = usePerson(id);
  if (person.isPending) return <Loading />;
  if (person.isError) return <ProblemNotice error={person.error} />;
  return <IntakeForm initialApplicant={summaryOf(person.data)} />;
}

/** 신청 접수 (`/applications/new`, `?person=` from the person page's "급여 신청"). */
export function IntakePage() {
  const t = useT();
  const [params] = useSearchParams();
  const personId = params.get('person');
  return (
    <>
      <PageTitle title={t('intake.title')}>{t('intake.title')}</PageTitle>
      <p className="muted">{t('intake.lead')}</p>
      {personId ? <WithApplicant id={personId} /> : <IntakeForm initialApplicant={null} />}
    </>
  );
}
