import { useState, type ReactNode, type SubmitEvent } from 'react';
import { messagesByField, problemText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Notice } from '../../shared/ui/Notice';
import { caseFieldMessages, isConflict, StaleNotice } from './stale';

interface Props {
  /** Prefix of the control ids. */
  id: string;
  /** The form's accessible name. */
  title: string;
  label: string;
  hint?: string;
  submitLabel: string;
  /** The request field the text is sent as ("reason", "note", "detail"): its API message shows here. */
  field?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  onReload: () => void;
  /** Further fields, above the text, given the API's messages by field. */
  children?: (errors: Map<string, string>) => ReactNode;
  /** A check of the further fields: a message to show instead of sending, or null. */
  check?: () => string | null;
  danger?: boolean;
}

/**
 * A small form for a step that must say why (취하, 조사 거부, 각하, 무효, 보완조사): the reason is
 * required and kept in the case history. A 409 offers to read the case again.
 */
export function ReasonForm({
  id,
  title,
  label,
  hint,
  submitLabel,
  field = 'reason',
  pending,
  error,
  onSubmit,
  onCancel,
  onReload,
  children,
  check,
  danger,
}: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [checked, setChecked] = useState<string | null>(null);
  const byField = messagesByField(caseFieldMessages(error, t));
  const general = error && !isConflict(error) && !byField.has(field) ? problemText(error, t) : null;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    const problem = check?.() ?? null;
    setMissing(trimmed === '');
    setChecked(problem);
    if (trimmed === '' || problem) return;
    onSubmit(trimmed);
  };

  return (
    <form id={id} className="form action-form" onSubmit={submit} noValidate aria-label={title}>
      {children?.(byField)}
      {checked ? <Notice tone="error">{checked}</Notice> : null}
      <Field
        id={`${id}-text`}
        label={label}
        hint={hint}
        required
        error={missing ? t('case.reasonRequired') : byField.get(field)}
      >
        {(c) => (
          <textarea
            {...c}
            className="input"
            rows={2}
            maxLength={1000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            // The button that opened this form promised to take the user here.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
        )}
      </Field>
      <StaleNotice error={error} onReload={onReload} />
      {general ? <Notice tone="error">{general}</Notice> : null}
      <div className="actions">
        <button type="submit" className={danger ? 'button button--danger' : 'button button--primary'} disabled={pending}>
          {pending ? t('common.saving') : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
