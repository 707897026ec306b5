import { useState, type SubmitEvent } from 'react';
import { ApiError } from '../../api/problem';
import type { DecisionProposal, DecisionRead } from '../../api/types';
import { messagesByField, summaryText, type FieldMessage } from '../../shared/errors';
import { formatDate, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Check } from '../../shared/ui/Check';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { MoneyInput } from '../../shared/ui/MoneyInput';
import { Notice } from '../../shared/ui/Notice';
import { codesFor, defaultCodes, initialDecision, toDecisionCreate, validateDecision, type DecisionForm as Form, type Outcome } from './decision';
import { programLabel } from './labels';
import { PdfViewer, useBlobUrl } from './PdfViewer';
import { useDecide, usePreview } from './queries';
import { caseFieldMessages, isConflict } from './stale';

interface Props {
  proposal: DecisionProposal;
  /** Whether the official may decide (the proposal's `may_decide` and the 결정 scope). */
  mayDecide: boolean;
  onDecided: (decision: DecisionRead) => void;
  onReload: () => void;
}

const OUTCOMES: readonly Outcome[] = ['approved', 'rejected'];
const ids = {
  outcome: 'dec-outcome',
  codes: 'dec-codes',
  note: 'dec-note',
  amount: 'dec-amount',
  startDate: 'dec-start',
};

/**
 * 결정: 선정 or 부적합 with reason codes, a note, and (for a 선정) the amount and 급여 개시일 when they
 * differ from what the investigation computed. 통지서 미리보기 shows the notice the same request
 * would produce; 결정 makes it.
 */
export function DecisionForm({ proposal, mayDecide, onDecided, onReload }: Props) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<Form>(() => initialDecision(proposal));
  // 0 until the first 미리보기 or 결정; then the form is re-checked as it changes.
  const [attempt, setAttempt] = useState(0);
  const [last, setLast] = useState<'preview' | 'decide' | null>(null);
  const [pdfUrl, showPdf, clearPdf] = useBlobUrl();
  const preview = usePreview();
  const decide = useDecide();
  const problems: FieldMessage[] = attempt > 0 ? validateDecision(form, proposal, t) : [];

  const error = last === 'preview' ? preview.error : last === 'decide' ? decide.error : null;
  const conflict = isConflict(error) && error instanceof ApiError ? error : null;
  const server = conflict ? [] : caseFieldMessages(error, t);
  const messages = problems.length > 0 ? problems : server;
  const byField = messagesByField(messages);
  const summary = problems.length > 0 || conflict ? null : summaryText(error, server, t);
  const codes = codesFor(form.outcome, proposal);
  const approved = form.outcome === 'approved';

  const labels: Record<string, string> = {
    outcome: t('decision.outcome'),
    reason_codes: t('decision.codes'),
    note: t('decision.note'),
    monthly_amount: t('decision.amount'),
    start_date: t('decision.startDate'),
  };
  const controlId = (field: string) =>
    ({ outcome: ids.outcome, reason_codes: ids.codes, note: ids.note, monthly_amount: ids.amount, start_date: ids.startDate })[field] ??
    null;

  const check = (): boolean => {
    const found = validateDecision(form, proposal, t);
    setAttempt((n) => n + 1);
    return found.length === 0;
  };

  const runPreview = () => {
    setLast('preview');
    if (!check()) return;
    clearPdf();
    preview.mutate(toDecisionCreate(form, proposal), { onSuccess: (pdf) => showPdf(pdf) });
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setLast('decide');
    if (!check()) return;
    decide.mutate(toDecisionCreate(form, proposal), { onSuccess: (decision) => onDecided(decision) });
  };

  const setOutcome = (outcome: Outcome) => {
    setForm((f) => ({ ...f, outcome, codes: defaultCodes(outcome) }));
    setAttempt(0);
  };
  const toggleCode = (code: string, on: boolean) =>
    setForm((f) => ({ ...f, codes: on ? [...f.codes, code] : f.codes.filter((c) => c !== code) }));

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('decision.formTitle', { program: programLabel(t, proposal.program) })}>
      <ErrorSummary
        messages={messages}
        summary={summary}
        focusKey={problems.length > 0 ? attempt : error}
        controlId={controlId}
        labelOf={(f) => labels[f] ?? null}
      />
      {conflict ? (
        <div className="notice notice--error notice--prominent" role="alert" data-testid="decision-conflict">
          <p>
            <strong>{t('decision.conflictTitle')}</strong>
          </p>
          <p>{conflict.problem.detail ?? conflict.problem.title}</p>
          <button type="button" className="button button--small" onClick={onReload}>
            {t('case.reload')}
          </button>
        </div>
      ) : null}
      <fieldset className="fieldset fieldset--plain" disabled={!mayDecide}>
        <legend className="visually-hidden">{t('decision.formTitle', { program: programLabel(t, proposal.program) })}</legend>
        <fieldset className="fieldset" id={ids.outcome}>
          <legend>
            {t('decision.outcome')}{' '}
            <span className="required" aria-hidden="true">
              *
            </span>
          </legend>
          {byField.get('outcome') ? <p className="field-error">⚠ {byField.get('outcome')}</p> : null}
          <div className="radios radios--inline">
            {OUTCOMES.map((o) => (
              <div className="radio" key={o}>
                <input type="radio" id={`dec-outcome-${o}`} name="dec-outcome" value={o} checked={form.outcome === o} onChange={() => setOutcome(o)} />
                <label htmlFor={`dec-outcome-${o}`}>{t(`decision.outcome.${o}`)}</label>
              </div>
            ))}
          </div>
          {approved && !proposal.eligible ? (
            <p className="field-error">
              <span aria-hidden="true">⚠ </span>
              {t('decision.approveIneligible')}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="fieldset" id={ids.codes} aria-describedby={byField.get('reason_codes') ? `${ids.codes}-error` : undefined}>
          <legend>{t('decision.codes')}</legend>
          <p className="hint">{approved ? t('decision.codesHintApproved') : t('decision.codesHintRejected')}</p>
          {byField.get('reason_codes') ? (
            <p className="field-error" id={`${ids.codes}-error`}>
              <span aria-hidden="true">⚠ </span>
              {byField.get('reason_codes')}
            </p>
          ) : null}
          <div className="codes">
            {codes.map(([code, meaning]) => (
              <Check
                key={code}
                id={`dec-code-${code}`}
                label={
                  <>
                    {meaning} <span className="muted mono small">({code})</span>
                  </>
                }
                checked={form.codes.includes(code)}
                onChange={(on) => toggleCode(code, on)}
              />
            ))}
          </div>
        </fieldset>
        <Field id={ids.note} label={t('decision.note')} hint={t('decision.noteHint')} error={byField.get('note')}>
          {(c) => (
            <textarea {...c} className="input" rows={3} maxLength={1000} value={form.note} onChange={(e) => setForm((f) => ({ ...f, note: e.target.value }))} />
          )}
        </Field>
        {approved ? (
          <div className="grid grid--3">
            <Field
              id={ids.amount}
              label={t('decision.amount')}
              hint={
                proposal.monthly_amount === null
                  ? t('decision.amountHintNone')
                  : t('decision.amountHint', { amount: formatWon(proposal.monthly_amount, lang) })
              }
              error={byField.get('monthly_amount')}
            >
              {(c) => <MoneyInput {...c} value={form.amount} onChange={(v) => setForm((f) => ({ ...f, amount: v }))} />}
            </Field>
            <Field
              id={ids.startDate}
              label={t('decision.startDate')}
              hint={t('decision.startDateHint', { date: formatDate(proposal.start_date, lang) })}
              error={byField.get('start_date')}
            >
              {(c) => (
                <input
                  {...c}
                  className="input"
                  type="date"
                  min={proposal.start_date}
                  value={form.startDate}
                  onChange={(e) => setForm((f) => ({ ...f, startDate: e.target.value }))}
                />
              )}
            </Field>
          </div>
        ) : null}
        <div className="actions">
          <button type="button" className="button" onClick={runPreview} disabled={preview.isPending || decide.isPending}>
            {preview.isPending ? t('decision.previewing') : t('decision.preview')}
          </button>
          <button type="submit" className="button button--primary" disabled={decide.isPending || preview.isPending}>
            {decide.isPending ? t('common.saving') : t('decision.submit')}
          </button>
        </div>
      </fieldset>
      {pdfUrl ? (
        <section className="panel" aria-labelledby="dec-preview">
          <h3 id="dec-preview">{t('decision.previewTitle')}</h3>
          <Notice tone="info">{t('decision.previewNote')}</Notice>
          <PdfViewer url={pdfUrl} title={t('decision.previewTitle')} filename="결정통지서-미리보기.pdf" testId="notice-preview" />
        </section>
      ) : null}
    </form>
  );
}
