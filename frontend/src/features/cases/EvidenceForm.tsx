import { useState, type SubmitEvent } from 'react';
import type { EvidenceKind, EvidenceRead, InvestigationRead } from '../../api/types';
import { messagesByField, summaryText, type FieldMessage } from '../../shared/errors';
import { useI18n, type Translate } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { MoneyInput } from '../../shared/ui/MoneyInput';
import { Notice } from '../../shared/ui/Notice';
import {
  emptyValues,
  missingFields,
  RECORD_FIELDS,
  recordSummary,
  toRecord,
  valuesFromRecord,
  type RecordField,
  type RecordValues,
} from './evidence';
import { EVIDENCE_KINDS, kindLabel } from './labels';
import { useInvestigationStep } from './queries';
import { caseFieldMessages, isConflict, StaleNotice } from './stale';

interface Props {
  investigation: InvestigationRead;
  /** The record being corrected: person and kind are fixed, and it is voided by the new one. */
  correction: EvidenceRead | null;
  onCancelCorrection: () => void;
  /** Called once the record is saved (the page says so: a correction's form is replaced). */
  onAdded: () => void;
  onReload: () => void;
}

export const evidenceFieldId = (name: string) => `ev-${name.replace(/\./g, '-')}`;

function RecordInput({ field, value, onChange, error }: {
  field: RecordField;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const id = evidenceFieldId(field.name);
  if (field.type === 'check') {
    return (
      <div className="field field--checkbox">
        <div className="checkbox">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <label htmlFor={id}>{t(field.label)}</label>
        </div>
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <Field id={id} label={t(field.label)} required={field.required} hint={field.hint ? t(field.hint) : undefined} error={error}>
      {(c) =>
        field.type === 'money' ? (
          <MoneyInput {...c} value={text} onChange={onChange} />
        ) : field.type === 'select' ? (
          <select {...c} className="input" value={text} onChange={(e) => onChange(e.target.value)}>
            {(field.options ?? []).map((o) => (
              <option key={o} value={o}>
                {t(`${field.labelPrefix ?? ''}${o}` as MessageKey)}
              </option>
            ))}
          </select>
        ) : field.type === 'month' || field.type === 'date' ? (
          <input {...c} className="input" type={field.type} value={text} onChange={(e) => onChange(e.target.value)} />
        ) : field.type === 'count' ? (
          <input
            {...c}
            className="input input--money"
            inputMode="numeric"
            autoComplete="off"
            value={text}
            onChange={(e) => onChange(e.target.value.replace(/\D+/g, ''))}
          />
        ) : (
          <input {...c} className="input" autoComplete="off" value={text} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  );
}

/** Required record fields left empty, and the reason. */
function missing(kind: EvidenceKind, values: RecordValues, reason: string, t: Translate): FieldMessage[] {
  const found = missingFields(kind, values).map((field) => ({ field, message: t('evidence.required') }));
  if (!reason.trim()) found.push({ field: 'reason', message: t('case.reasonRequired') });
  return found;
}

/**
 * 자료 추가: a record the linked data lacks (or, from "바로잡기", a corrected one that replaces it),
 * with the fields of its kind and the reason the history keeps.
 */
export function EvidenceForm({ investigation, correction, onCancelCorrection, onAdded, onReload }: Props) {
  const { t, lang } = useI18n();
  const people = [...investigation.members, ...investigation.obligors];
  const [personId, setPersonId] = useState(correction?.person_id ?? people[0]?.person_id ?? '');
  const [kind, setKind] = useState<EvidenceKind>((correction?.kind as EvidenceKind | undefined) ?? 'income');
  const [values, setValues] = useState<RecordValues>(() =>
    correction ? valuesFromRecord(correction.kind as EvidenceKind, correction.record) : emptyValues('income'),
  );
  const [reason, setReason] = useState('');
  // 0 until the first attempt; then what is missing is re-checked as the official types.
  const [attempt, setAttempt] = useState(0);
  const step = useInvestigationStep(investigation);
  const problems: FieldMessage[] = attempt > 0 ? missing(kind, values, reason, t) : [];

  // The API names a record field by its own name (`amount`) or its path (`record.amount`).
  const server = caseFieldMessages(step.error, t).map((m) => ({ ...m, field: m.field.replace(/^record\./, '') }));
  const messages = problems.length > 0 ? problems : server;
  const byField = messagesByField(messages);
  const summary = problems.length > 0 || isConflict(step.error) ? null : summaryText(step.error, server, t);
  const fields = RECORD_FIELDS[kind];

  const labelOf = (field: string): string | null => {
    const known = fields.find((x) => x.name === field);
    if (known) return t(known.label);
    const labels: Record<string, string> = {
      person_id: t('evidence.person'),
      kind: t('evidence.kind'),
      reason: t('evidence.reason'),
      record_id: t('evidence.record'),
      replaces_id: t('evidence.replaces'),
    };
    return labels[field] ?? null;
  };
  const controlId = (field: string): string | null => {
    if (fields.some((x) => x.name === field)) return evidenceFieldId(field);
    return ({ person_id: 'ev-person', kind: 'ev-kind', reason: 'ev-reason' } as Record<string, string>)[field] ?? null;
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found = missing(kind, values, reason, t);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    step.mutate(
      {
        kind: 'evidence',
        body: {
          person_id: personId,
          kind,
          record: toRecord(kind, values),
          reason: reason.trim(),
          replaces_id: correction?.id ?? null,
        },
      },
      {
        onSuccess: () => {
          setAttempt(0);
          setReason('');
          setValues(emptyValues(kind));
          onAdded();
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={correction ? t('evidence.correctTitle') : t('evidence.addTitle')}>
      <ErrorSummary
        messages={messages}
        summary={summary}
        focusKey={problems.length > 0 ? attempt : step.error}
        controlId={controlId}
        labelOf={labelOf}
      />
      <StaleNotice error={step.error} onReload={onReload} />
      {correction ? (
        <Notice tone="info">
          <strong>{t('evidence.correcting')}</strong> {correction.person_name} · {kindLabel(t, correction.kind)} ·{' '}
          {recordSummary(correction.kind, correction.record, t, lang)}{' '}
          <button type="button" className="button button--small" onClick={onCancelCorrection}>
            {t('evidence.cancelCorrection')}
          </button>
        </Notice>
      ) : null}
      <div className="grid grid--4">
        <Field id="ev-person" label={t('evidence.person')} required error={byField.get('person_id')}>
          {(c) => (
            <select {...c} className="input" value={personId} disabled={correction !== null} onChange={(e) => setPersonId(e.target.value)}>
              {people.map((p) => (
                <option key={p.person_id} value={p.person_id}>
                  {p.name} ({investigation.members.includes(p) ? t('inv.member') : t('inv.obligor')})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ev-kind" label={t('evidence.kind')} required error={byField.get('kind')}>
          {(c) => (
            <select
              {...c}
              className="input"
              value={kind}
              disabled={correction !== null}
              onChange={(e) => {
                const next = e.target.value as EvidenceKind;
                setKind(next);
                setValues(emptyValues(next));
                setAttempt(0);
              }}
            >
              {EVIDENCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(t, k)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="fieldset fieldset--inner">
        <legend>{t('evidence.fields', { kind: kindLabel(t, kind) })}</legend>
        <div className="grid grid--4">
          {fields.map((field) => (
            <RecordInput
              key={`${kind}-${field.name}`}
              field={field}
              value={values[field.name] ?? ''}
              error={byField.get(field.name)}
              onChange={(v) => setValues((old) => ({ ...old, [field.name]: v }))}
            />
          ))}
        </div>
      </fieldset>
      <Field id="ev-reason" label={t('evidence.reason')} hint={t('evidence.reasonHint')} required error={byField.get('reason')}>
        {(c) => <textarea {...c} className="input" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={step.isPending}>
          {step.isPending ? t('common.saving') : correction ? t('evidence.correctSubmit') : t('evidence.addSubmit')}
        </button>
      </div>
    </form>
  );
}
