import { useEffect, useId, useRef } from 'react';
import type { FieldMessage } from '../errors';
import { useT } from '../i18n/context';

interface Props {
  /** Messages of the last answer, by field path. */
  messages: FieldMessage[];
  /** The id of the control for a field path, when the form shows that field. */
  controlId: (field: string) => string | null;
  /** A sentence about the whole answer (problem detail), shown above the list. */
  summary?: string | null;
  /** Field labels by path, to say which field a message is about. */
  labelOf?: (field: string) => string | null;
  /** Changes with each refused attempt (the error object): the summary takes focus then. */
  focusKey: unknown;
}

const FOCUSABLE = 'input, select, textarea, button';

/** Focuses the control, or the first control inside a group (a fieldset of radios, a picker). */
function focusControl(id: string) {
  const element = document.getElementById(id);
  if (!element) return;
  const target = element.matches(FOCUSABLE) ? element : element.querySelector<HTMLElement>(FOCUSABLE);
  (target ?? element).focus();
}

/** The list of what the API refused, at the top of a form, with links to each field. Takes focus
 * when it appears so that keyboard and screen-reader users learn about it at once. */
export function ErrorSummary({ messages, controlId, summary, labelOf, focusKey }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  // Unique per form: a screen (조사) can hold several forms, each with its own summary.
  const titleId = useId();
  const visible = messages.length > 0 || Boolean(summary);
  useEffect(() => {
    if (focusKey) ref.current?.focus();
  }, [focusKey]);
  if (!visible) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        {t('form.errorTitle')}
      </h2>
      {summary ? <p>{summary}</p> : null}
      {messages.length > 0 ? (
        <ul>
          {messages.map(({ field, message }, index) => {
            const id = controlId(field);
            const label = labelOf?.(field) ?? field;
            const text = `${label}: ${message}`;
            return (
              <li key={`${field}-${index}`}>
                {id ? (
                  <a
                    href={`#${id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusControl(id);
                    }}
                  >
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
