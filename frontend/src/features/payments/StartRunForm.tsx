import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { fieldMessages, messagesByField, summaryText, type FieldMessage } from '../../shared/errors';
import { formatDate, formatMonth, todayInKorea } from '../../shared/format';
import { useI18n, type Translate } from '../../shared/i18n/context';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { isMonthlyProgram, MONTHLY_PROGRAMS, payDayCause, programLabel } from './labels';
import { isMonth, nextMonth, yearOf } from './month';
import { usePayDays, useStartRun } from './queries';
import type { MonthlyProgram, RunRead } from './types';

interface Props {
  /** The runs already listed: starting one of them again opens it (the API answers the same run). */
  runs: readonly RunRead[];
  onStarted: (run: RunRead, existed: boolean) => void;
  /** Today in Korea (YYYY-MM-DD); the month proposed is the next one. */
  today?: string;
}

/** Entitlements per chunk: the API's own default, sent because the request type names it. */
export const CHUNK_SIZE = 2000;

const IDS = { program: 'run-program', month: 'run-month' } as const;
const isField = (field: string): field is keyof typeof IDS => field in IDS;

function validate(program: string, month: string, t: Translate): FieldMessage[] {
  const problems: FieldMessage[] = [];
  if (!isMonthlyProgram(program)) problems.push({ field: 'program', message: t('runStart.programRequired') });
  if (!isMonth(month)) problems.push({ field: 'month', message: t('runStart.monthInvalid') });
  return problems;
}

/** The day the money goes out for the program and month chosen, from the pay-day calendar. */
function PayDateHint({ program, month }: { program: MonthlyProgram | null; month: string }) {
  const { t, lang } = useI18n();
  const year = yearOf(month);
  const days = usePayDays(program && year !== null ? year : null);
  if (!program || !isMonth(month)) return <p className="muted">{t('runStart.payDatePrompt')}</p>;
  if (year === null) return <p className="muted">{t('runStart.payDateOutside')}</p>;
  if (days.isPending) return <p className="muted">{t('common.loading')}</p>;
  const day = days.data?.find((d) => d.program === program && d.month === month);
  if (!day) return <p className="muted">{t('runStart.payDateUnknown')}</p>;
  return (
    <p className="pay-date" data-testid="start-pay-date">
      <span className="pay-date__label">{t('runStart.payDate', { month: formatMonth(month, lang) })}</span>{' '}
      <strong>{formatDate(day.pay_date, lang)}</strong>{' '}
      {day.reason ? (
        <span className="muted">{t('payDay.moved', { legal: formatDate(day.legal_day, lang), cause: payDayCause(day.reason, day.legal_day) })}</span>
      ) : (
        <span className="muted">{t('payDay.onLegalDay')}</span>
      )}
    </p>
  );
}

/**
 * 지급 회차 시작: a monthly program and the month paid for. The run is planned at once and worked by
 * the job runner; a run that exists for the program and month is opened rather than made twice.
 */
export function StartRunForm({ runs, onStarted, today }: Props) {
  const { t, lang } = useI18n();
  const [program, setProgram] = useState('');
  const [month, setMonth] = useState(() => nextMonth(today ?? todayInKorea()));
  // 0 until the first 시작; then the form is checked again as it changes.
  const [attempt, setAttempt] = useState(0);
  const start = useStartRun();

  const chosen = isMonthlyProgram(program) ? program : null;
  const problems = attempt > 0 ? validate(program, month, t) : [];
  const server = fieldMessages(start.error, t).filter((m) => isField(m.field));
  const messages = problems.length > 0 ? problems : server;
  const byField = messagesByField(messages);
  const summary = problems.length > 0 ? null : summaryText(start.error, server, t);
  const existing = chosen ? runs.find((r) => r.program === chosen && r.month === month) : undefined;
  const labels = { program: t('runStart.program'), month: t('runStart.month') };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (validate(program, month, t).length > 0 || !chosen || start.isPending) return;
    const known = new Set(runs.map((r) => r.id));
    start.mutate({ program: chosen, month, chunk_size: CHUNK_SIZE }, { onSuccess: (run) => onStarted(run, known.has(run.id)) });
  };

  return (
    <form className="form run-start" aria-labelledby="run-start-title" onSubmit={submit} noValidate>
      <h2 id="run-start-title">{t('runStart.title')}</h2>
      <p className="muted">{t('runStart.lead')}</p>
      <ErrorSummary
        messages={messages}
        summary={summary}
        focusKey={problems.length > 0 ? attempt : start.error}
        controlId={(field) => (isField(field) ? IDS[field] : null)}
        labelOf={(field) => (isField(field) ? labels[field] : null)}
      />
      <div className="form-row">
        <Field id={IDS.program} label={t('runStart.program')} required error={byField.get('program')}>
          {(c) => (
            <select {...c} className="input" value={program} onChange={(e) => setProgram(e.target.value)}>
              <option value="">{t('runStart.choose')}</option>
              {MONTHLY_PROGRAMS.map((p) => (
                <option key={p} value={p}>
                  {programLabel(t, p)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={IDS.month} label={t('runStart.month')} hint={t('runStart.monthHint')} required error={byField.get('month')}>
          {(c) => <input {...c} className="input input--narrow" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />}
        </Field>
      </div>
      <PayDateHint program={chosen} month={month} />
      {existing ? (
        <p className="notice notice--info" data-testid="run-exists">
          {t('runStart.exists', { program: programLabel(t, existing.program), month: formatMonth(existing.month, lang) })}{' '}
          <Link to={`/payments/runs/${existing.id}`}>{t('runStart.openExisting')}</Link>
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={start.isPending}>
          {start.isPending ? t('runStart.starting') : t('runStart.submit')}
        </button>
      </div>
    </form>
  );
}
