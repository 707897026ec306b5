import { useNavigate } from 'react-router';
import { todayInKorea } from '../../shared/format';
import { useT } from '../../shared/i18n/context';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { SCOPES } from '../auth/scopes';
import { useHasScope } from '../auth/useSession';
import { PayDayCalendar } from './PayDayCalendar';
import { useRuns } from './queries';
import { RunTable } from './RunTable';
import { StartRunForm } from './StartRunForm';
import type { RunRead } from './types';

/** What the run page says on arrival from the start form. */
export interface RunPageState {
  started?: 'new' | 'existing';
}

interface Props {
  /** payments:write: the start form is shown. */
  mayStart: boolean;
  today?: string;
}

/** 급여 지급: the 시군구's runs with their progress, the start form and the year's pay days. */
export function RunsView({ mayStart, today }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const runs = useRuns();
  const day = today ?? todayInKorea();

  const opened = (run: RunRead, existed: boolean) => {
    const state: RunPageState = { started: existed ? 'existing' : 'new' };
    void navigate(`/payments/runs/${run.id}`, { state });
  };

  return (
    <>
      <PageTitle title={t('runs.title')}>{t('runs.title')}</PageTitle>
      <p className="muted">{t('runs.lead')}</p>
      {mayStart ? (
        <section className="panel">
          <StartRunForm runs={runs.data ?? []} onStarted={opened} today={day} />
        </section>
      ) : null}
      <section className="section" aria-labelledby="runs-title">
        <h2 id="runs-title">{t('runs.listTitle')}</h2>
        {runs.isPending ? (
          <Loading />
        ) : runs.isError ? (
          <ProblemNotice error={runs.error} />
        ) : runs.data.length === 0 ? (
          <p>{t('runs.none')}</p>
        ) : (
          <RunTable runs={runs.data} />
        )}
      </section>
      <PayDayCalendar initialYear={Number(day.slice(0, 4))} />
    </>
  );
}

export function RunsPage() {
  const mayStart = useHasScope(SCOPES.paymentsWrite);
  return <RunsView mayStart={mayStart} />;
}
