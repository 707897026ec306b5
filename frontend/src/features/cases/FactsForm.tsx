import { useState, type SubmitEvent } from 'react';
import type { InvestigationRead } from '../../api/types';
import { messagesByField, summaryText, type FieldMessage } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import { Check } from '../../shared/ui/Check';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { MoneyInput } from '../../shared/ui/MoneyInput';
import { Notice } from '../../shared/ui/Notice';
import { relationLabel } from '../registry/labels';
import { CHILDCARES, CRISIS_CODES, factsForm, SCHOOLS, TENURES, toFactsIn, type FactsForm as Form, type MemberFactsForm } from './facts';
import { useInvestigationStep } from './queries';
import { caseFieldMessages, isConflict, StaleNotice } from './stale';

const id = (path: string) => `facts-${path.replace(/\./g, '-')}`;

/**
 * 확인 사항: what the official established that no agency reports — tenancy and rent, schooling,
 * childcare, 사적이전소득, 재산소득, 위기사유 — with the reason the history keeps. Saving recomputes.
 */
export function FactsForm({ investigation, onReload }: { investigation: InvestigationRead; onReload: () => void }) {
  const t = useT();
  const [form, setForm] = useState<Form>(() => factsForm(investigation.facts, investigation.members));
  const [reason, setReason] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const step = useInvestigationStep(investigation);
  const problems: FieldMessage[] = attempt > 0 && !reason.trim() ? [{ field: 'reason', message: t('case.reasonRequired') }] : [];

  // `facts.members.<person id>.school` → `members.<person id>.school`, the form's own paths.
  const server = caseFieldMessages(step.error, t).map((m) => ({ ...m, field: m.field.replace(/^facts\./, '') }));
  const messages = problems.length > 0 ? problems : server;
  const byField = messagesByField(messages);
  const summary = problems.length > 0 || isConflict(step.error) ? null : summaryText(step.error, server, t);
  const names = new Map(investigation.members.map((m) => [m.person_id, m.name]));

  const setHousing = (patch: Partial<Pick<Form, 'tenure' | 'monthlyRent' | 'deposit'>>) => setForm((f) => ({ ...f, ...patch }));
  const setMember = (personId: string, patch: Partial<MemberFactsForm>) =>
    setForm((f) => {
      const current = f.members[personId];
      return current ? { ...f, members: { ...f.members, [personId]: { ...current, ...patch } } } : f;
    });

  const labelOf = (field: string): string | null => {
    const member = /^members\.([^.]+)\.(\w+)$/.exec(field);
    if (member) {
      const words: Record<string, string> = {
        school: t('sim.school'),
        childcare: t('sim.childcare'),
        private_transfer: t('income.private_transfer'),
        property_income: t('income.property'),
      };
      return `${names.get(member[1] ?? '') ?? ''} ${words[member[2] ?? ''] ?? member[2] ?? ''}`.trim();
    }
    const labels: Record<string, string> = {
      'housing.tenure': t('sim.tenure'),
      'housing.monthly_rent': t('sim.monthlyRent'),
      'housing.deposit': t('sim.deposit'),
      crisis_reasons: t('sim.crisis'),
      reason: t('facts.reason'),
    };
    return labels[field] ?? null;
  };
  const controlId = (field: string) => {
    if (field === 'crisis_reasons') return id('crisis');
    return document.getElementById(id(field)) ? id(field) : null;
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(false);
    setAttempt((n) => n + 1);
    if (!reason.trim()) return;
    step.mutate(
      { kind: 'facts', facts: toFactsIn(form), reason: reason.trim() },
      {
        onSuccess: () => {
          setSaved(true);
          setAttempt(0);
          setReason('');
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('facts.title')}>
      <ErrorSummary
        messages={messages}
        summary={summary}
        focusKey={problems.length > 0 ? attempt : step.error}
        controlId={controlId}
        labelOf={labelOf}
      />
      <StaleNotice error={step.error} onReload={onReload} />
      {saved ? (
        <Notice tone="success" live>
          {t('facts.saved')}
        </Notice>
      ) : null}
      <fieldset className="fieldset">
        <legend>{t('sim.housing')}</legend>
        <div className="grid grid--4">
          <Field id={id('housing.tenure')} label={t('sim.tenure')} hint={t('facts.tenureHint')} error={byField.get('housing.tenure')}>
            {(c) => (
              <select {...c} className="input" value={form.tenure} onChange={(e) => setHousing({ tenure: e.target.value as Form['tenure'] })}>
                <option value="">{t('facts.tenureLinked')}</option>
                {TENURES.map((x) => (
                  <option key={x} value={x}>
                    {t(`tenure.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('housing.monthly_rent')} label={t('sim.monthlyRent')} hint={t('facts.rentHint')} error={byField.get('housing.monthly_rent')}>
            {(c) => <MoneyInput {...c} value={form.monthlyRent} onChange={(v) => setHousing({ monthlyRent: v })} />}
          </Field>
          <Field id={id('housing.deposit')} label={t('sim.deposit')} hint={t('facts.depositHint')} error={byField.get('housing.deposit')}>
            {(c) => <MoneyInput {...c} value={form.deposit} onChange={(v) => setHousing({ deposit: v })} />}
          </Field>
        </div>
      </fieldset>
      {investigation.members.map((m) => {
        const row = form.members[m.person_id];
        if (!row) return null;
        const p = `members.${m.person_id}`;
        return (
          <fieldset key={m.person_id} className="fieldset">
            <legend>
              {m.name} <span className="muted small">({relationLabel(t, m.relation)})</span>
            </legend>
            <div className="grid grid--4">
              <Field id={id(`${p}.school`)} label={t('sim.school')} error={byField.get(`${p}.school`)}>
                {(c) => (
                  <select {...c} className="input" value={row.school} onChange={(e) => setMember(m.person_id, { school: e.target.value as MemberFactsForm['school'] })}>
                    {SCHOOLS.map((s) => (
                      <option key={s} value={s}>
                        {t(`school.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={id(`${p}.childcare`)} label={t('sim.childcare')} error={byField.get(`${p}.childcare`)}>
                {(c) => (
                  <select
                    {...c}
                    className="input"
                    value={row.childcare}
                    onChange={(e) => setMember(m.person_id, { childcare: e.target.value as MemberFactsForm['childcare'] })}
                  >
                    {CHILDCARES.map((s) => (
                      <option key={s} value={s}>
                        {t(`childcare.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={id(`${p}.private_transfer`)}
                label={t('facts.privateTransfer')}
                error={byField.get(`${p}.private_transfer`)}
              >
                {(c) => <MoneyInput {...c} value={row.privateTransfer} onChange={(v) => setMember(m.person_id, { privateTransfer: v })} />}
              </Field>
              <Field id={id(`${p}.property_income`)} label={t('facts.propertyIncome')} error={byField.get(`${p}.property_income`)}>
                {(c) => <MoneyInput {...c} value={row.propertyIncome} onChange={(v) => setMember(m.person_id, { propertyIncome: v })} />}
              </Field>
            </div>
          </fieldset>
        );
      })}
      <fieldset className="fieldset" id={id('crisis')}>
        <legend>{t('sim.crisis')}</legend>
        <p className="hint">{t('sim.crisisHint')}</p>
        {byField.get('crisis_reasons') ? <p className="field-error">⚠ {byField.get('crisis_reasons')}</p> : null}
        <div className="checks">
          {CRISIS_CODES.map((code) => (
            <Check
              key={code}
              id={id(`crisis.${code}`)}
              label={t(`crisis.${code}`)}
              checked={form.crisis.includes(code)}
              onChange={(on) => setForm((f) => ({ ...f, crisis: on ? [...f.crisis, code] : f.crisis.filter((c) => c !== code) }))}
            />
          ))}
        </div>
      </fieldset>
      <Field id={id('reason')} label={t('facts.reason')} hint={t('facts.reasonHint')} required error={byField.get('reason')}>
        {(c) => <textarea {...c} className="input" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={step.isPending}>
          {step.isPending ? t('common.saving') : t('facts.submit')}
        </button>
      </div>
    </form>
  );
}
