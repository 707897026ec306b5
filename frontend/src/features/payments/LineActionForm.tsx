import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { fieldMessages, messagesByField, problemText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Notice } from '../../shared/ui/Notice';
import { actionLabel } from './labels';
import type { LineActionCode, LineRead } from './types';

interface Props {
  line: LineRead;
  action: LineActionCode;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}

const MAX_REASON = 500;

/**
 * The reason for 보류, 보류 해제 or 재지급 of one line (kept with the action by the API). A refusal
 * (409: the status no longer allows it, or the payee has no usable account) shows the API's sentence.
 */
export function LineActionForm({ line, action, pending, error, onSubmit, onCancel }: Props) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const byField = messagesByField(fieldMessages(error, t));
  const general = error && !byField.has('reason') ? problemText(error, t) : null;
  const id = `line-${line.id}-${action}-form`;
  const name = line.payee_name ?? t('line.noName');
  const title = t('lineAction.formTitle', { action: actionLabel(t, action), name });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    setMissing(trimmed === '');
    if (trimmed === '' || pending) return;
    onSubmit(trimmed);
  };

  // Esc anywhere in the form puts it away (the reason typed is dropped).
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onCancel();
    };
    element.addEventListener('keydown', escape);
    return () => element.removeEventListener('keydown', escape);
  }, [onCancel]);

  return (
    <form ref={form} id={id} className="form action-form line-action" onSubmit={submit} noValidate aria-label={title} data-testid="line-action-form">
      <p className="line-action__title">
        <strong>{title}</strong>
      </p>
      <Field
        id={`${id}-reason`}
        label={t(`lineAction.${action}Reason`)}
        hint={t(`lineAction.${action}Hint`)}
        required
        error={missing ? t('lineAction.reasonRequired') : byField.get('reason')}
      >
        {(c) => (
          <textarea
            {...c}
            className="input"
            rows={2}
            maxLength={MAX_REASON}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            // The button that opened this form promised to take the user here.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
        )}
      </Field>
      {general ? (
        <Notice tone="error">
          <span data-testid="line-action-refused">{general}</span>
        </Notice>
      ) : null}
      <div className="actions">
        <button type="submit" className={action === 'hold' ? 'button button--danger' : 'button button--primary'} disabled={pending}>
          {pending ? t('common.saving') : actionLabel(t, action)}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
