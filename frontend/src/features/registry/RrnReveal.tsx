import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { fieldMessages, messagesByField, problemText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Notice } from '../../shared/ui/Notice';
import { useRrnReveal } from './queries';

/** How long the full number stays on the screen. */
export const REVEAL_SECONDS = 30;
const MIN_REASON = 4;

interface Props {
  personId: string;
  masked: string;
  /** Who it is, for the button's accessible name in a table of several people. */
  personName: string;
}

/**
 * The masked 주민등록번호 and "전체 번호 보기": asks for the reason (sent to the API, which records it
 * in the 접속기록), then shows the full number for {@link REVEAL_SECONDS} seconds only.
 */
export function RrnReveal({ personId, masked, personName }: Props) {
  const t = useT();
  const formId = useId();
  const reveal = useRrnReveal(personId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [left, setLeft] = useState(REVEAL_SECONDS);
  const toggle = useRef<HTMLButtonElement>(null);
  const errors = messagesByField(fieldMessages(reveal.error, t));
  const { reset } = reveal;

  useEffect(() => {
    if (shown === null) return;
    const tick = setInterval(() => setLeft((n) => Math.max(0, n - 1)), 1000);
    const hide = setTimeout(() => {
      setShown(null);
      reset();
    }, REVEAL_SECONDS * 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(hide);
    };
  }, [shown, reset]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    setTooShort(trimmed.length < MIN_REASON);
    if (trimmed.length < MIN_REASON) return;
    reveal.mutate(trimmed, {
      onSuccess: (answer) => {
        setLeft(REVEAL_SECONDS);
        setShown(answer.rrn);
        setOpen(false);
        setReason('');
      },
    });
  };

  const hideNow = () => {
    setShown(null);
    reset();
    toggle.current?.focus();
  };

  const reasonError = tooShort ? t('rrn.reasonShort') : errors.get('reason');
  const general = reveal.error && !errors.size ? problemText(reveal.error, t) : null;

  return (
    <div className="rrn-reveal">
      {shown ? (
        <span className="rrn-reveal__value" role="status">
          <span className="mono rrn-reveal__full">{shown}</span>{' '}
          <span className="muted">{t('rrn.hidesIn', { seconds: left })}</span>{' '}
          <button type="button" className="button button--small" onClick={hideNow}>
            {t('rrn.hideNow')}
          </button>
        </span>
      ) : (
        <>
          <span className="mono">{masked}</span>{' '}
          <button
            type="button"
            ref={toggle}
            className="button button--small"
            aria-expanded={open}
            aria-controls={formId}
            aria-label={t('rrn.revealFor', { name: personName })}
            onClick={() => setOpen((o) => !o)}
          >
            {t('rrn.reveal')}
          </button>
        </>
      )}
      {open && !shown ? (
        <form id={formId} className="rrn-reveal__form" onSubmit={submit} noValidate aria-label={t('rrn.reveal')}>
          <Field
            id={`${formId}-reason`}
            label={t('rrn.reason')}
            hint={t('rrn.reasonHint')}
            required
            error={reasonError}
          >
            {(control) => (
              <textarea
                {...control}
                className="input"
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                // Moving focus into the opened form is what the button promised.
                // eslint-disable-next-line jsx-a11y/no-autofocus
                autoFocus
              />
            )}
          </Field>
          {general ? <Notice tone="error">{general}</Notice> : null}
          <div className="actions">
            <button type="submit" className="button button--primary button--small" disabled={reveal.isPending}>
              {t('rrn.confirm')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setOpen(false);
                setReason('');
                reset();
                toggle.current?.focus();
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
