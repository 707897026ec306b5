import { useSearchParams } from 'react-router';
import type { CaseState, ProgramCode } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { ApplicationTable } from './ApplicationTable';
import { CASE_STATES, PROGRAMS, programLabel, stateLabel } from './labels';
import { useApplications } from './queries';

const PAGE = 50;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** 신청 목록: the jurisdiction's applications, newest first, filtered by state and program. The
 * filters live in the address, so a queue on the dashboard can link to its full list. */
export function ApplicationListPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const state = pick<CaseState>(params.get('state'), CASE_STATES);
  const program = pick<ProgramCode>(params.get('program'), PROGRAMS);
  const list = useApplications({ state, program, limit: PAGE });

  const set = (key: 'state' | 'program', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const caption = [
    t('list.caption'),
    state ? stateLabel(t, state) : null,
    program ? programLabel(t, program) : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <PageTitle title={t('list.title')}>{t('list.title')}</PageTitle>
      <p className="muted">{t('list.lead')}</p>
      <form className="form-row filters" aria-label={t('list.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field id="filter-state" label={t('list.state')}>
          {(c) => (
            <select {...c} className="input" value={state ?? ''} onChange={(e) => set('state', e.target.value)}>
              <option value="">{t('list.all')}</option>
              {CASE_STATES.map((s) => (
                <option key={s} value={s}>
                  {stateLabel(t, s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="filter-program" label={t('list.program')}>
          {(c) => (
            <select {...c} className="input" value={program ?? ''} onChange={(e) => set('program', e.target.value)}>
              <option value="">{t('list.all')}</option>
              {PROGRAMS.map((p) => (
                <option key={p} value={p}>
                  {programLabel(t, p)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <section className="section" aria-labelledby="list-results" aria-busy={list.isFetching}>
        <h2 id="list-results">{t('list.results')}</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ProblemNotice error={list.error} />
        ) : list.data.length === 0 ? (
          <p>{t('list.none')}</p>
        ) : (
          <>
            <ApplicationTable rows={list.data} caption={`${caption} (${t('list.count', { count: list.data.length })})`} testId="application-list" />
            {list.data.length === PAGE ? <p className="muted small">{t('list.more', { count: PAGE })}</p> : null}
          </>
        )}
      </section>
    </>
  );
}
