import { useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/context';
import { digitsOnly, formatNumber } from '../format';
import type { ControlProps } from './Field';

interface Props extends ControlProps {
  value: string;
  onChange: (digits: string) => void;
  /** Unit shown after the field ("원" by default). */
  unit?: string;
}

/** A whole-number amount: digits while typing, thousands separators once the field is left. */
export function MoneyInput({ value, onChange, unit, ...control }: Props) {
  const { lang, t } = useI18n();
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  // Taking focus turns "1,200,000" into "1200000", and a new value drops the selection the browser
  // made (Tab selects the whole amount): select it again, so typing replaces the amount instead of
  // being appended to it.
  useLayoutEffect(() => {
    const input = ref.current;
    if (editing && input && document.activeElement === input && input.value !== '') input.select();
  }, [editing]);
  const shown = editing || value === '' ? value : formatNumber(Number(value), lang);
  return (
    <span className="money">
      <input
        {...control}
        ref={ref}
        className="input input--money"
        inputMode="numeric"
        autoComplete="off"
        value={shown}
        placeholder="0"
        onFocus={() => setEditing(true)}
        onBlur={() => setEditing(false)}
        onChange={(e) => onChange(digitsOnly(e.target.value).replace(/^0+(?=\d)/, ''))}
      />
      <span className="money__unit" aria-hidden="true">
        {unit ?? t('unit.won')}
      </span>
    </span>
  );
}
