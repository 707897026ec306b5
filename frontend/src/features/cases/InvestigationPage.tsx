import { Fragment, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AssessedMember, EvidenceRead, InvestigationRead, ProgramCode } from '../../api/types';
import { problemText } from '../../shared/errors';
import { formatDate, formatMonth, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Flash } from '../../shared/ui/Flash';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { SCOPES } from '../auth/scopes';
import { useHasScope } from '../auth/useSession';
import { relationLabel } from '../registry/labels';
import { AssessmentResult } from './AssessmentResult';
import { EvidenceForm } from './EvidenceForm';
import { EvidenceTable } from './EvidenceTable';
import { factsForm } from './facts';
import { FactsForm } from './FactsForm';
import { kindLabel } from './labels';
import { useApplication, useInvestigation, useInvestigationStep } from './queries';
import { ReasonForm } from './ReasonForm';
import { isConflict, StaleNotice } from './stale';

function People({ people, caption, empty }: { people: readonly AssessedMember[]; caption: string; empty: string }) {
  const { t, lang } = useI18n();
  if (people.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('inv.relation')}</th>
            <th scope="col">{t('person.birthDate')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.person_id}>
              <th scope="row">{p.name}</th>
              <td>{p.relation ? relationLabel(t, p.relation) : '—'}</td>
              <td>{formatDate(p.birth_date, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 연계 자료 재조회 and 조사 완료 (the programs then wait for the decision-maker). */
function Finish({ investigation, onReload }: { investigation: InvestigationRead; onReload: () => void }) {
  const { t } = useI18n();
  const gather = useInvestigationStep(investigation);
  const complete = useInvestigationStep(investigation);
  const [gathered, setGathered] = useState(false);
  const failed = [gather.error, complete.error].find((e) => e && !isConflict(e));
  const conflict = [gather.error, complete.error].find((e) => isConflict(e));
  return (
    <>
      <p className="hint">{t('inv.finishHint')}</p>
      {gathered ? (
        <Notice tone="success" live>
          {t('inv.gathered')}
        </Notice>
      ) : null}
      <StaleNotice
        error={conflict}
        onReload={() => {
          gather.reset();
          complete.reset();
          onReload();
        }}
      />
      {failed ? <Notice tone="error">{problemText(failed, t)}</Notice> : null}
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={gather.isPending || complete.isPending}
          onClick={() => {
            setGathered(false);
            complete.reset();
            gather.mutate({ kind: 'gather' }, { onSuccess: () => setGathered(true) });
          }}
        >
          {gather.isPending ? t('inv.gathering') : t('inv.regather')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={gather.isPending || complete.isPending}
          onClick={() => {
            gather.reset();
            complete.mutate({ kind: 'complete' });
          }}
        >
          {complete.isPending ? t('common.saving') : t('inv.complete')}
        </button>
      </div>
    </>
  );
}

/** 보완조사: the decision-maker sends the undecided programs back to investigation, with a reason. */
function Reopen({ investigation, onReload }: { investigation: InvestigationRead; onReload: () => void }) {
  const { t } = useI18n();
  const reopen = useInvestigationStep(investigation);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-expanded={open} aria-controls="inv-reopen" onClick={() => setOpen((o) => !o)}>
        {t('inv.reopen')}
      </button>
      {open ? (
        <ReasonForm
          id="inv-reopen"
          title={t('inv.reopen')}
          label={t('inv.reopenReason')}
          hint={t('inv.reopenHint')}
          submitLabel={t('inv.reopenSubmit')}
          pending={reopen.isPending}
          error={reopen.error}
          onCancel={() => setOpen(false)}
          onReload={() => {
            reopen.reset();
            onReload();
          }}
          onSubmit={(reason) => reopen.mutate({ kind: 'reopen', reason }, { onSuccess: () => setOpen(false) })}
        />
      ) : null}
    </>
  );
}

/**
 * 조사 (`/investigations/:id`): the household and its 부양의무자, the evidence gathered or entered,
 * what could not be obtained, the facts the official established, and the 소득인정액 with each
 * program's result. Every change sends the version last read; a 409 asks to read it again.
 */
export function InvestigationPage() {
  const { investigationId = '' } = useParams();
  const { t, lang } = useI18n();
  const investigation = useInvestigation(investigationId);
  const applicationId = investigation.data?.application_id ?? '';
  const application = useApplication(applicationId, applicationId !== '');
  const canWrite = useHasScope(SCOPES.investigationsWrite);
  const canDecide = useHasScope(SCOPES.decisionsWrite);
  const [correction, setCorrection] = useState<EvidenceRead | null>(null);
  const [added, setAdded] = useState(false);
  const formRef = useRef<HTMLElement>(null);

  if (investigation.isPending || investigation.isError) {
    return (
      <>
        <PageTitle title={t('inv.title')}>{t('inv.title')}</PageTitle>
        {investigation.isPending ? <Loading /> : <ProblemNotice error={investigation.error} />}
      </>
    );
  }
  const inv = investigation.data;
  const reload = () => void investigation.refetch();
  const open = inv.state === 'open';
  const editable = canWrite && open;
  const applicant = application.data?.applicant_name ?? inv.members.find((m) => m.relation === 'head')?.name ?? '';
  const applied: ProgramCode[] = application.data?.programs.map((p) => p.program) ?? inv.results.map((r) => r.program);
  const names = new Map([...inv.members, ...inv.obligors].map((p) => [p.person_id, p.name]));

  const correct = (e: EvidenceRead) => {
    setCorrection(e);
    setAdded(false);
    // The form is further down: bring it into view and move focus to its heading.
    requestAnimationFrame(() => {
      formRef.current?.scrollIntoView({ block: 'start' });
      formRef.current?.querySelector<HTMLElement>('h2')?.focus();
    });
  };

  return (
    <>
      <PageTitle
        title={`${applicant} — ${t('inv.title')}`}
        actions={
          <Link className="button" to={`/applications/${inv.application_id}`}>
            {t('inv.toApplication')}
          </Link>
        }
      >
        {applicant} <span className="subtitle">{t('inv.title')}</span>
      </PageTitle>
      <Flash />
      <section className="panel" aria-labelledby="inv-status">
        <h2 id="inv-status">{t('inv.status')}</h2>
        <dl className="details details--inline">
          <dt>{t('inv.state')}</dt>
          <dd>
            <span className={`badge badge--inv-${inv.state}`}>{t(open ? 'inv.state.open' : 'inv.state.completed')}</span>
          </dd>
          <dt>{t('inv.asOf')}</dt>
          <dd>{formatDate(inv.as_of, lang)}</dd>
          <dt>{t('inv.incomeMonth')}</dt>
          <dd>{formatMonth(inv.income_month, lang)}</dd>
          <dt>{t('inv.startedBy')}</dt>
          <dd>{inv.started_by}</dd>
          {inv.completed_by ? (
            <>
              <dt>{t('inv.completedBy')}</dt>
              <dd>{inv.completed_by}</dd>
            </>
          ) : null}
        </dl>
        {open ? null : (
          <Notice tone="info" live>
            {t('inv.completedNote')} {canDecide ? <Reopen investigation={inv} onReload={reload} /> : null}
          </Notice>
        )}
      </section>

      <section className="section" aria-labelledby="inv-people">
        <h2 id="inv-people">{t('inv.people')}</h2>
        <div className="panels">
          <div>
            <h3>{t('inv.members')}</h3>
            <People people={inv.members} caption={t('inv.membersCaption', { count: inv.members.length })} empty={t('inv.noMembers')} />
          </div>
          <div>
            <h3>{t('inv.obligors')}</h3>
            <People people={inv.obligors} caption={t('inv.obligorsCaption', { count: inv.obligors.length })} empty={t('inv.noObligors')} />
          </div>
        </div>
      </section>

      <section className="section" aria-labelledby="inv-evidence">
        <h2 id="inv-evidence">{t('inv.evidence')}</h2>
        <p className="hint">{t('inv.evidenceHint')}</p>
        <EvidenceTable investigation={inv} editable={editable} correctingId={correction?.id ?? null} onCorrect={correct} onReload={reload} />
      </section>

      {editable ? (
        <section className="panel" aria-labelledby="inv-add" ref={formRef}>
          <h2 id="inv-add" tabIndex={-1}>
            {correction ? t('evidence.correctTitle') : t('evidence.addTitle')}
          </h2>
          {added ? (
            <Notice tone="success" live>
              {t('evidence.added')}
            </Notice>
          ) : null}
          <EvidenceForm
            key={correction?.id ?? 'new'}
            investigation={inv}
            correction={correction}
            onCancelCorrection={() => setCorrection(null)}
            onAdded={() => {
              setCorrection(null);
              setAdded(true);
            }}
            onReload={reload}
          />
        </section>
      ) : null}

      <section className="section" aria-labelledby="inv-missing">
        <h2 id="inv-missing">{t('inv.notObtained')}</h2>
        {inv.not_obtained.length === 0 ? (
          <p className="muted">{t('inv.allObtained')}</p>
        ) : (
          <>
            <Notice tone="warning">
              <span aria-hidden="true">⚠ </span>
              {t('inv.notObtainedHint')}
            </Notice>
            <ul className="plain-list" data-testid="not-obtained">
              {inv.not_obtained.map((n, i) => (
                <li key={`${n.person_id}-${n.kind}-${i}`}>
                  <strong>{names.get(n.person_id) ?? n.person_id}</strong> · {kindLabel(t, n.kind)} — {n.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className={editable ? 'panel' : 'section'} aria-labelledby="inv-facts">
        <h2 id="inv-facts">{t('facts.title')}</h2>
        {editable ? (
          <FactsForm investigation={inv} onReload={reload} />
        ) : (
          <FactsSummary investigation={inv} />
        )}
      </section>

      <section className="section" aria-labelledby="inv-result">
        <h2 id="inv-result">{t('inv.result')}</h2>
        <AssessmentResult investigation={inv} applied={applied} />
      </section>

      {editable ? (
        <section className="panel" aria-labelledby="inv-finish">
          <h2 id="inv-finish">{t('inv.finish')}</h2>
          <Finish investigation={inv} onReload={reload} />
        </section>
      ) : null}
    </>
  );
}

/** The facts as saved, for those who may only read them. */
function FactsSummary({ investigation }: { investigation: InvestigationRead }) {
  const { t, lang } = useI18n();
  if (Object.keys(investigation.facts).length === 0) return <p className="muted">{t('facts.none')}</p>;
  const facts = factsForm(investigation.facts, investigation.members);
  const won = (digits: string) => (digits ? formatWon(Number(digits), lang) : '—');
  return (
    <dl className="details">
      <dt>{t('sim.tenure')}</dt>
      <dd>{facts.tenure ? t(`tenure.${facts.tenure}`) : t('facts.tenureLinked')}</dd>
      <dt>{t('sim.monthlyRent')}</dt>
      <dd>{won(facts.monthlyRent)}</dd>
      <dt>{t('sim.deposit')}</dt>
      <dd>{facts.deposit ? won(facts.deposit) : t('facts.depositLinked')}</dd>
      <dt>{t('sim.crisis')}</dt>
      <dd>{facts.crisis.length > 0 ? facts.crisis.map((c) => t(`crisis.${c}`)).join(', ') : '—'}</dd>
      {investigation.members.map((m) => {
        const row = facts.members[m.person_id];
        if (!row) return null;
        return (
          <Fragment key={m.person_id}>
            <dt>{m.name}</dt>
            <dd>
              {t('sim.school')} {t(`school.${row.school}`)} · {t('sim.childcare')} {t(`childcare.${row.childcare}`)} ·{' '}
              {t('facts.privateTransfer')} {won(row.privateTransfer)} · {t('facts.propertyIncome')} {won(row.propertyIncome)}
            </dd>
          </Fragment>
        );
      })}
    </dl>
  );
}
