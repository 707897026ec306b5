import { Link, useLocation, useParams } from 'react-router';
import { problemText } from '../../shared/errors';
import { formatDate, formatDateTime, formatMonth, formatNumber, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { SCOPES } from '../auth/scopes';
import { useHasScope } from '../auth/useSession';
import { sigunguLabel, useSigungu } from '../registry/reference';
import { BankFilesPanel } from './BankFilesPanel';
import { payDayCause, programLabel } from './labels';
import { LinesSection } from './LinesSection';
import { POLL_MS, useReport, useRetryRun, useRun } from './queries';
import { RunProgressBar, RunStateBadge } from './RunProgressBar';
import { RunReportView } from './RunReport';
import type { RunPageState } from './RunsPage';
import { isStalled, isWorking } from './runState';
import type { RunRead } from './types';

function RunDetails({ run }: { run: RunRead }) {
  const { t, lang } = useI18n();
  const sigungu = useSigungu();
  const money = (value: number | null) => (value === null ? '—' : formatWon(value, lang));
  return (
    <dl className="details run-details">
      <dt>{t('run.sigungu')}</dt>
      <dd>{sigunguLabel(sigungu.data, run.sigungu_code)}</dd>
      <dt>{t('run.payDate')}</dt>
      <dd data-testid="run-pay-date">
        {formatDate(run.pay_date, lang)}{' '}
        {run.pay_date_reason ? (
          <span className="muted">{t('payDay.moved', { legal: formatDate(run.legal_day, lang), cause: payDayCause(run.pay_date_reason, run.legal_day) })}</span>
        ) : (
          <span className="muted">{t('payDay.onLegalDay')}</span>
        )}
      </dd>
      <dt>{t('run.planned')}</dt>
      <dd>{t('run.plannedCount', { count: formatNumber(run.planned_entitlements, lang) })}</dd>
      <dt>{t('run.lineCount')}</dt>
      <dd data-testid="run-line-count">{run.line_count === null ? t('run.notYet') : formatNumber(run.line_count, lang)}</dd>
      <dt>{t('run.gross')}</dt>
      <dd className="money-value">{money(run.total_gross)}</dd>
      <dt>{t('run.offset')}</dt>
      <dd className="money-value">{money(run.total_offset)}</dd>
      <dt>{t('run.net')}</dt>
      <dd className="money-value" data-testid="run-net">
        {money(run.total_net)}
      </dd>
      <dt>{t('run.startedBy')}</dt>
      <dd>
        <span className="mono">{run.created_by}</span> <span className="muted small">({formatDateTime(run.created_at, lang)})</span>
      </dd>
      <dt>{t('run.completedAt')}</dt>
      <dd>{run.completed_at ? formatDateTime(run.completed_at, lang) : '—'}</dd>
    </dl>
  );
}

/** Failed chunks: the errors the workers hit, and 다시 처리 once the cause is fixed. */
function ChunkFailures({ run, mayAct }: { run: RunRead; mayAct: boolean }) {
  const { t } = useI18n();
  const retry = useRetryRun(run.id);
  const errors = run.chunk_errors ?? [];
  if (run.progress.failed_chunks === 0) return null;
  return (
    <section className="panel panel--failed" aria-labelledby="chunk-failures" data-testid="chunk-failures">
      <h2 id="chunk-failures">{t('chunks.title', { count: run.progress.failed_chunks })}</h2>
      <p>{isStalled(run) ? t('chunks.stalled') : t('chunks.lead')}</p>
      {errors.length > 0 ? (
        <ul className="chunk-errors">
          {errors.map((error) => (
            <li key={error} className="mono small">
              {error}
            </li>
          ))}
        </ul>
      ) : null}
      {mayAct ? (
        <p className="actions">
          <button type="button" className="button button--primary" disabled={retry.isPending} onClick={() => retry.mutate()}>
            {retry.isPending ? t('chunks.retrying') : t('chunks.retry')}
          </button>
        </p>
      ) : null}
      {retry.error ? <Notice tone="error">{problemText(retry.error, t)}</Notice> : null}
    </section>
  );
}

interface Props {
  runId: string;
  /** payments:write: line actions and chunk retries. */
  mayAct: boolean;
  pollMs?: number;
}

/**
 * One payment run: its state and progress, read again every {@link POLL_MS} ms while chunks are
 * waiting; failed chunks with 다시 처리; once completed, the report, the bank transfer files and the
 * lines with their actions.
 */
export function RunView({ runId, mayAct, pollMs = POLL_MS }: Props) {
  const { t, lang } = useI18n();
  const location = useLocation();
  const started = (location.state as RunPageState | null)?.started;
  const run = useRun(runId, pollMs);
  const completed = run.data?.state === 'completed';
  const report = useReport(runId, completed);
  const back = (
    <Link className="button" to="/payments">
      {t('run.toList')}
    </Link>
  );

  if (run.isPending || run.isError) {
    return (
      <>
        <PageTitle title={t('run.title')} actions={back}>
          {t('run.title')}
        </PageTitle>
        {run.isPending ? <Loading /> : <ProblemNotice error={run.error} />}
      </>
    );
  }

  const r = run.data;
  const name = t('run.name', { program: programLabel(t, r.program), month: formatMonth(r.month, lang) });
  const working = isWorking(r);
  return (
    <>
      <PageTitle title={name} actions={back}>
        {name} <RunStateBadge run={r} />
      </PageTitle>
      {started ? (
        <Notice tone={started === 'new' ? 'success' : 'info'} live>
          {started === 'new' ? t('run.startedNew') : t('run.startedExisting')}
        </Notice>
      ) : null}
      <section className="panel" aria-labelledby="run-progress-title">
        <h2 id="run-progress-title">{t('run.progressTitle')}</h2>
        <RunProgressBar run={r} label={t('run.progressOf', { name })} />
        <p className="muted small" role="status" data-testid="run-status">
          {working ? t('run.working') : isStalled(r) ? t('run.stalled') : completed ? t('run.done') : t('run.waiting')}
        </p>
        <RunDetails run={r} />
      </section>
      <ChunkFailures run={r} mayAct={mayAct} />
      {completed ? (
        <>
          <section className="section" aria-labelledby="report-title">
            <h2 id="report-title">{t('report.title')}</h2>
            {report.isPending ? <Loading /> : report.isError ? <ProblemNotice error={report.error} /> : <RunReportView report={report.data} />}
          </section>
          <BankFilesPanel runId={runId} mayAct={mayAct} />
          <LinesSection runId={runId} mayAct={mayAct} />
        </>
      ) : (
        <p className="muted">{t('run.reportLater')}</p>
      )}
    </>
  );
}

export function RunPage() {
  const { runId = '' } = useParams();
  const mayAct = useHasScope(SCOPES.paymentsWrite);
  return <RunView key={runId} runId={runId} mayAct={mayAct} />;
}
