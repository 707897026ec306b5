import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DecisionProposal, DecisionRead, Exclusivity, ProgramCode } from '../../api/types';
import { problemText } from '../../shared/errors';
import { formatDate, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { SCOPES } from '../auth/scopes';
import { useHasScope } from '../auth/useSession';
import { ProgramDetail } from '../simulation/SimulationResult';
import { DecisionForm } from './DecisionForm';
import { PROGRAMS, programLabel, stateLabel } from './labels';
import { PdfViewer, useBlobUrl } from './PdfViewer';
import { useApplication, useDecision, useInvestigation, useNotice, useProposal } from './queries';
import { StateBadge } from './StateBadge';

/** 중복지원 (사회보장급여법 제9조): the verdict in words, its reasons listed; a block is an alert. */
function ExclusivityBox({ exclusivity }: { exclusivity: Exclusivity }) {
  const { t } = useI18n();
  const reasons =
    exclusivity.reasons.length > 0 ? (
      <ul className="plain-list">
        {exclusivity.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    ) : null;
  if (exclusivity.verdict === 'blocked') {
    return (
      <div className="notice notice--error notice--prominent" role="alert" data-testid="exclusivity">
        <p>
          <span aria-hidden="true">⚠ </span>
          <strong>{t('exclusivity.blocked')}</strong>
        </p>
        {reasons}
      </div>
    );
  }
  return (
    <div className={`notice ${exclusivity.verdict === 'adjusted' ? 'notice--warning' : 'notice--success'}`} data-testid="exclusivity">
      <p>
        <strong>{t(exclusivity.verdict === 'adjusted' ? 'exclusivity.adjusted' : 'exclusivity.allowed')}</strong>
      </p>
      {reasons}
    </div>
  );
}

/**
 * What the investigation supports. The 중복지원 check is a live one: it matters while the case
 * waits for its decision (afterwards the benefit granted would "clash" with itself), so a decided
 * case shows the verdict recorded with the decision instead.
 */
function Proposal({ proposal, live }: { proposal: DecisionProposal; live: boolean }) {
  const { t, lang } = useI18n();
  return (
    <>
      <dl className="details">
        <dt>{t('decision.finding')}</dt>
        <dd>
          <span className={`badge ${proposal.eligible ? 'badge--eligible' : 'badge--ineligible'}`}>
            {t(proposal.eligible ? 'decision.eligible' : 'decision.ineligible')}
          </span>
        </dd>
        <dt>{t('decision.computed')}</dt>
        <dd>{proposal.monthly_amount === null ? '—' : formatWon(proposal.monthly_amount, lang)}</dd>
        <dt>{t('decision.startDate')}</dt>
        <dd>{formatDate(proposal.start_date, lang)}</dd>
        {proposal.result ? (
          <>
            <dt>{t('sim.recognizedCol')}</dt>
            <dd>{proposal.result.recognized_income === null ? '—' : formatWon(proposal.result.recognized_income, lang)}</dd>
            <dt>{t('sim.thresholdCol')}</dt>
            <dd>{proposal.result.threshold === null ? '—' : formatWon(proposal.result.threshold, lang)}</dd>
          </>
        ) : null}
        <dt>{t('decision.caseState')}</dt>
        <dd>
          <StateBadge state={proposal.state} />
        </dd>
      </dl>
      {live ? (
        <>
          <h3 className="subheading">{t('exclusivity.title')}</h3>
          <ExclusivityBox exclusivity={proposal.exclusivity} />
        </>
      ) : null}
    </>
  );
}

/** A decision as made, with its 결정통지서 (each opening is an 출력 in the 접속기록). */
export function DecisionSummary({ decision, fresh }: { decision: DecisionRead; fresh?: boolean }) {
  const { t, lang } = useI18n();
  const notice = useNotice();
  const [url, show] = useBlobUrl();
  return (
    <div data-testid="decision-result">
      {fresh ? (
        <Notice tone="success" live>
          {t('decision.done', { number: decision.notice_number })}
        </Notice>
      ) : null}
      <dl className="details">
        <dt>{t('decision.outcome')}</dt>
        <dd>
          <span className={`badge ${decision.outcome === 'approved' ? 'badge--eligible' : 'badge--ineligible'}`}>
            {t(`decision.outcome.${decision.outcome}`)}
          </span>
        </dd>
        <dt>{t('decision.noticeNumber')}</dt>
        <dd className="mono" data-testid="notice-number">
          {decision.notice_number}
        </dd>
        {decision.outcome === 'approved' ? (
          <>
            <dt>{t('decision.amount')}</dt>
            <dd>{decision.monthly_amount === null ? '—' : formatWon(decision.monthly_amount, lang)}</dd>
            <dt>{t('decision.startDate')}</dt>
            <dd>{formatDate(decision.start_date, lang)}</dd>
          </>
        ) : null}
        {decision.outcome === 'approved' ? (
          <>
            <dt>{t('exclusivity.title')}</dt>
            <dd>
              {t(decision.exclusivity.verdict === 'adjusted' ? 'exclusivity.adjusted' : 'exclusivity.allowed')}
              {decision.exclusivity.reasons.length > 0 ? (
                <ul className="plain-list">
                  {decision.exclusivity.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{t('decision.reasons')}</dt>
        <dd>
          <ul className="plain-list">
            {decision.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </dd>
        {decision.note ? (
          <>
            <dt>{t('decision.note')}</dt>
            <dd>{decision.note}</dd>
          </>
        ) : null}
        <dt>{t('decision.decidedBy')}</dt>
        <dd>
          {decision.decided_by} · {formatDate(decision.decided_on, lang)}
        </dd>
      </dl>
      <p className="actions">
        <button type="button" className="button" disabled={notice.isPending} onClick={() => notice.mutate(decision.id, { onSuccess: show })}>
          {notice.isPending ? t('common.loading') : t('decision.openNotice')}
        </button>
      </p>
      {notice.isError ? <Notice tone="error">{problemText(notice.error, t)}</Notice> : null}
      {url ? <PdfViewer url={url} title={t('decision.noticeTitle', { number: decision.notice_number })} filename={`결정통지서-${decision.notice_number}.pdf`} testId="notice" /> : null}
    </div>
  );
}

function Decided({ decisionId }: { decisionId: string }) {
  const decision = useDecision(decisionId);
  if (decision.isPending) return <Loading />;
  if (decision.isError) return <ProblemNotice error={decision.error} />;
  return <DecisionSummary decision={decision.data} />;
}

function DecisionScreen({ applicationId, program }: { applicationId: string; program: ProgramCode }) {
  const { t } = useI18n();
  const application = useApplication(applicationId);
  const proposal = useProposal(applicationId, program);
  const canWrite = useHasScope(SCOPES.decisionsWrite);
  const investigationId = application.data?.investigation_id ?? '';
  // For the members' names in a per-member result (기초연금, 아동수당 …).
  const investigation = useInvestigation(investigationId, investigationId !== '');
  const [justDecided, setJustDecided] = useState<DecisionRead | null>(null);
  const name = programLabel(t, program);
  const applicant = application.data?.applicant_name ?? '';
  const programCase = application.data?.programs.find((p) => p.program === program);

  const header = (
    <PageTitle
      title={`${t('decision.pageTitle', { program: name })} — ${applicant}`}
      actions={
        <Link className="button" to={`/applications/${applicationId}`}>
          {t('inv.toApplication')}
        </Link>
      }
    >
      {t('decision.pageTitle', { program: name })}
      {applicant ? <span className="subtitle">{applicant}</span> : null}
    </PageTitle>
  );
  if (proposal.isPending || application.isPending) {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  if (proposal.isError || application.isError) {
    return (
      <>
        {header}
        <ProblemNotice error={proposal.error ?? application.error} />
      </>
    );
  }
  const p = proposal.data;
  const decisionId = programCase?.decision_id ?? null;
  const reload = () => {
    void proposal.refetch();
    void application.refetch();
  };
  const mayDecide = p.may_decide && canWrite;
  const undecided = !decisionId && !justDecided && p.state === 'investigated';
  const names = new Map((investigation.data?.members ?? []).map((m) => [m.member_id, m.name]));

  return (
    <>
      {header}
      <section className="panel" aria-labelledby="dec-proposal">
        <h2 id="dec-proposal">{t('decision.proposal')}</h2>
        <Proposal proposal={p} live={undecided} />
        {p.result ? (
          <p className="small">
            <a href="#dec-basis">{t('decision.basisLink')}</a>
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="dec-form">
        <h2 id="dec-form">{decisionId || justDecided ? t('decision.made') : t('decision.title')}</h2>
        {justDecided ? (
          <DecisionSummary decision={justDecided} fresh />
        ) : decisionId ? (
          <Decided decisionId={decisionId} />
        ) : p.state !== 'investigated' ? (
          <Notice tone="warning">{t('decision.notReady', { state: stateLabel(t, p.state) })}</Notice>
        ) : (
          <>
            {!mayDecide ? (
              <Notice tone="warning">
                <strong>{t('decision.mayNot')}</strong> {p.may_decide_reason ?? (canWrite ? '' : t('decision.noScope'))}
              </Notice>
            ) : null}
            <DecisionForm key={p.case_version} proposal={p} mayDecide={mayDecide} onDecided={setJustDecided} onReload={reload} />
          </>
        )}
      </section>
      {p.result ? (
        <section className="section" aria-labelledby="dec-basis">
          <h2 id="dec-basis">{t('decision.basis')}</h2>
          <ProgramDetail r={p.result} heading="h3" memberLabel={(id) => names.get(id) ?? id} />
          {application.data.investigation_id ? (
            <p>
              <Link to={`/investigations/${application.data.investigation_id}`}>{t('decision.toInvestigation')}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

/** 결정 (`/applications/:id/decision/:program`). */
export function DecisionPage() {
  const { applicationId = '', program = '' } = useParams();
  const { t } = useI18n();
  if (!(PROGRAMS as readonly string[]).includes(program)) {
    return (
      <>
        <PageTitle title={t('decision.title')}>{t('decision.title')}</PageTitle>
        <Notice tone="error">{t('decision.unknownProgram', { program })}</Notice>
      </>
    );
  }
  return <DecisionScreen applicationId={applicationId} program={program as ProgramCode} />;
}
