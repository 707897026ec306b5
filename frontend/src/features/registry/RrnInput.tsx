import { useLayoutEffect, useRef, type ChangeEvent } from 'react';
import type { ControlProps } from '../../shared/ui/Field';
import { applyRrnEdit, maskRrn } from './rrn';

interface Props extends ControlProps {
  /** The digits typed so far (up to 13). */
  value: string;
  onChange: (digits: string) => void;
  name?: string;
}

/**
 * A 주민등록번호 input that shows the number masked after the 7th digit while it is typed. The
 * digits stay in the form's memory only: the field holds the masked text (so copying it copies the
 * mask), the browser does not remember it (no autocomplete), and the number is sent only in a request
 * body.
 */
export function RrnInput({ value, onChange, name, ...control }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const input = ref.current;
    if (input && caret.current !== null && document.activeElement === input) {
      input.setSelectionRange(caret.current, caret.current);
    }
    caret.current = null;
  });

  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const native = event.nativeEvent as InputEvent;
    const backward = native.inputType !== 'deleteContentForward';
    const edit = applyRrnEdit(value, event.target.value, event.target.selectionEnd, backward);
    caret.current = edit.caret;
    onChange(edit.digits);
  };

  return (
    <input
      {...control}
      ref={ref}
      name={name}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      autoCorrect="off"
      spellCheck={false}
      className="input input--rrn"
      placeholder="000000-0******"
      value={maskRrn(value)}
      onChange={handleChange}
    />
  );
}
