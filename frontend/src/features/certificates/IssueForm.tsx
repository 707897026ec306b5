import { useRef, useState, type SubmitEvent } from 'react';
import { ApiError } from '../../api/problem';
import type { CertificateCatalogue, CertificateIssued } from '../../api/types';
import { fieldMessages, messagesByField, summaryText, type FieldMessage } from '../../shared/errors';
import { todayInKorea } from '../../shared/format';
import { useT } from '../../shared/i18n/context';
import { Check } from '../../shared/ui/Check';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { Notice } from '../../shared/ui/Notice';
import { PdfViewer, useBlobUrl } from '../cases/PdfViewer';
import { fullRrnBlock, printedItems, purposeLabel } from './catalogue';
import { IssuedResult } from './IssuedResult';
import { keyAfterAnswer, keyForAttempt, type IssueKey } from './issueKey';
import { asksFullRrn, EMPTY_ISSUE_FORM, ISSUE_IDS, issueControlId, toCertificateRequest, validateIssue, type IssueFormState } from './issueForm';
import { PrintedItems } from './PrintedItems';
import { useIssueCertificate, usePreviewCertificate } from './queries';
import { TypeChoice } from './TypeChoice';

interface Props {
  personId: string;
  catalogue: CertificateCatalogue;
}

/** 409 `not-a-beneficiary`: the person holds nothing the type certifies (the detail says what). */
function notBeneficiary(error: unknown): ApiError | null {
  return error instanceof ApiError && error.status === 409 && error.problem.type.endsWith('/not-a-beneficiary') ? error : null;
}

/**
 * 증명서 발급: type and purpose, the items that purpose prints, the full 주민등록번호 where the form
 * and the purpose allow it, and a period for a past-receipt type. 미리보기 shows the certificate the
 * same request would make; 발급 makes it, with an Idempotency-Key kept for this request.
 */
export function IssueForm({ personId, catalogue }: Props) {
  const t = useT();
  const [today] = useState(todayInKorea);
  const [form, setForm] = useState<IssueFormState>(EMPTY_ISSUE_FORM);
  // 0 until the first 미리보기 or 발급; then the form is re-checked as it changes.
  const [attempt, setAttempt] = useState(0);
  const [last, setLast] = useState<'preview' | 'issue' | null>(null);
  const [issued, setIssued] = useState<CertificateIssued | null>(null);
  // Put away once a certificate is issued, so that a second click does not make a second one.
  const [formOpen, setFormOpen] = useState(true);
  const issueKey = useRef<IssueKey | null>(null);
  const [previewUrl, showPreview, clearPreview] = useBlobUrl();
  const preview = usePreviewCertificate();
  const issue = useIssueCertificate();

  const type = catalogue.types.find((c) => c.code === form.type);
  const purpose = catalogue.purposes.find((p) => p.code === form.purpose);
  const block = fullRrnBlock(type, purpose);
  const problems: FieldMessage[] = attempt > 0 ? validateIssue(catalogue, form, today, t) : [];
  const error = last === 'preview' ? preview.error : last === 'issue' ? issue.error : null;
  const refusal = notBeneficiary(error);
  const server = refusal ? [] : fieldMessages(error, t);
  const messages = problems.length > 0 ? problems : server;
  const byField = messagesByField(messages);
  const periodError = byField.get('period');
  const summary = problems.length > 0 || refusal ? null : summaryText(error, server, t);
  const busy = preview.isPending || issue.isPending;

  const labels: Record<string, string> = {
    certificate_type: t('certIssue.type'),
    purpose: t('certIssue.purpose'),
    full_rrn: t('certIssue.fullRrn'),
    period: t('certIssue.period'),
    'period.start': t('certIssue.periodStart'),
    'period.end': t('certIssue.periodEnd'),
  };

  const update = (patch: Partial<IssueFormState>) => {
    setForm((f) => ({ ...f, ...patch }));
    // What was previewed is no longer what the form says.
    clearPreview();
  };

  const check = (): boolean => {
    setAttempt((n) => n + 1);
    return validateIssue(catalogue, form, today, t).length === 0;
  };

  const runPreview = () => {
    setLast('preview');
    if (!check()) return;
    clearPreview();
    preview.mutate(toCertificateRequest(catalogue, form, personId), { onSuccess: showPreview });
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setLast('issue');
    if (!check() || issue.isPending) return;
    const body = toCertificateRequest(catalogue, form, personId);
    const key = keyForAttempt(issueKey.current, JSON.stringify(body));
    issueKey.current = key;
    issue.mutate(
      { body, idempotencyKey: key.key },
      {
        onSuccess: (certificate) => {
          issueKey.current = keyAfterAnswer(key, true);
          clearPreview();
          setIssued(certificate);
          setFormOpen(false);
        },
      },
    );
  };

  const startAnother = () => {
    setForm(EMPTY_ISSUE_FORM);
    setAttempt(0);
    setLast(null);
    preview.reset();
    issue.reset();
    setFormOpen(true);
  };

  const items = type && purpose ? printedItems(type, purpose, asksFullRrn(catalogue, form)) : null;
  const printsRrn = items === null || items.includes('rrn_masked') || items.includes('rrn_full');
  const blockReason = !printsRrn
    ? t('certIssue.fullRrnNotPrinted')
    : block === 'type'
      ? t('certIssue.fullRrnNoField')
      : block === 'purpose'
        ? t('certIssue.fullRrnNoPurpose', {
            purposes: catalogue.purposes
              .filter((p) => p.full_rrn_possible)
              .map((p) => purposeLabel(t, p.code, p.label))
              .join(', '),
          })
        : block === 'choose'
          ? t('certIssue.fullRrnChoose')
          : t('certIssue.fullRrnHint');

  return (
    <>
      {issued ? <IssuedResult key={issued.document_number} issued={issued} /> : null}
      {formOpen ? null : (
        <p className="actions">
          <button type="button" className="button" onClick={startAnother}>
            {t('certIssue.another')}
          </button>
        </p>
      )}
      {formOpen ? (
        <form className="form" onSubmit={submit} noValidate aria-label={t('certIssue.formTitle')}>
          <ErrorSummary
            messages={messages}
            summary={summary}
            focusKey={problems.length > 0 ? attempt : error}
            controlId={issueControlId}
            labelOf={(f) => labels[f] ?? null}
          />
          {refusal ? (
            <div className="notice notice--error notice--prominent" role="alert" data-testid="not-a-beneficiary">
              <p>
                <strong>{refusal.problem.title}</strong>
              </p>
              <p>{refusal.problem.detail}</p>
            </div>
          ) : null}
          <TypeChoice
            id={ISSUE_IDS.type}
            types={catalogue.types}
            value={form.type}
            error={byField.get('certificate_type')}
            onChange={(code) => update({ type: code })}
          />
          <fieldset className="fieldset">
            <legend>{t('certIssue.purposeTitle')}</legend>
            <div className="cert-purpose">
              <Field id={ISSUE_IDS.purpose} label={t('certIssue.purpose')} hint={t('certIssue.purposeHint')} required error={byField.get('purpose')}>
                {(c) => (
                  <select {...c} className="input" value={form.purpose} onChange={(e) => update({ purpose: e.target.value as IssueFormState['purpose'] })}>
                    <option value="">{t('certIssue.choose')}</option>
                    {catalogue.purposes.map((p) => (
                      <option key={p.code} value={p.code}>
                        {purposeLabel(t, p.code, p.label)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <div className="cert-purpose__items" aria-live="polite">
                <h3 className="field__legend">{t('certIssue.items')}</h3>
                {items ? (
                  <PrintedItems items={items} testId="printed-items" />
                ) : (
                  <p className="muted small">{t('certIssue.itemsPrompt')}</p>
                )}
                <p className="hint">{t('certIssue.itemsHint')}</p>
              </div>
            </div>
            <Check
              id={ISSUE_IDS.fullRrn}
              label={t('certIssue.fullRrn')}
              hint={blockReason}
              checked={form.fullRrn && block === null}
              disabled={block !== null}
              error={byField.get('full_rrn')}
              onChange={(fullRrn) => update({ fullRrn })}
            />
          </fieldset>
          {type?.past_receipt ? (
            <fieldset className="fieldset" aria-describedby={periodError ? 'cert-period-error' : 'cert-period-hint'}>
              <legend>
                {t('certIssue.period')}{' '}
                <span className="required" aria-hidden="true">
                  *
                </span>
              </legend>
              <p className="hint" id="cert-period-hint">
                {t('certIssue.periodHint')}
              </p>
              {periodError ? (
                <p className="field-error" id="cert-period-error">
                  <span aria-hidden="true">⚠ </span>
                  {periodError}
                </p>
              ) : null}
              <div className="grid grid--3">
                <Field id={ISSUE_IDS.periodStart} label={t('certIssue.periodStart')} required error={byField.get('period.start')}>
                  {(c) => <input {...c} className="input" type="date" max={today} value={form.periodStart} onChange={(e) => update({ periodStart: e.target.value })} />}
                </Field>
                <Field id={ISSUE_IDS.periodEnd} label={t('certIssue.periodEnd')} required error={byField.get('period.end')}>
                  {(c) => <input {...c} className="input" type="date" max={today} value={form.periodEnd} onChange={(e) => update({ periodEnd: e.target.value })} />}
                </Field>
              </div>
            </fieldset>
          ) : null}
          <div className="actions">
            <button type="button" className="button" onClick={runPreview} disabled={busy}>
              {preview.isPending ? t('certIssue.previewing') : t('certIssue.preview')}
            </button>
            <button type="submit" className="button button--primary" disabled={busy}>
              {issue.isPending ? t('certIssue.issuing') : t('certIssue.submit')}
            </button>
          </div>
          {previewUrl ? (
            <section className="panel" aria-labelledby="cert-preview">
              <h3 id="cert-preview">{t('certIssue.previewTitle')}</h3>
              <Notice tone="info">{t('certIssue.previewNote')}</Notice>
              <PdfViewer url={previewUrl} title={t('certIssue.previewTitle')} filename="증명서-미리보기.pdf" testId="certificate-preview" />
            </section>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
