import type { CertificateCode, CertificateType } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import { programLabel } from '../cases/labels';
import { typeLabel } from './catalogue';

interface Props {
  id: string;
  types: readonly CertificateType[];
  value: CertificateCode | '';
  onChange: (code: CertificateCode) => void;
  error?: string | undefined;
}

/** 증명서 종류: each with the benefits it certifies and its legal basis; a basis not confirmed from a
 * primary source is said so, in words. */
export function TypeChoice({ id, types, value, onChange, error }: Props) {
  const t = useT();
  return (
    <fieldset className="fieldset" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {t('certIssue.type')}{' '}
        <span className="required" aria-hidden="true">
          *
        </span>
      </legend>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <div className="cert-types">
        {types.map((type) => {
          const radioId = `${id}-${type.code}`;
          return (
            <div className={value === type.code ? 'cert-type cert-type--chosen' : 'cert-type'} key={type.code}>
              <div className="radio">
                <input
                  type="radio"
                  id={radioId}
                  name={id}
                  value={type.code}
                  checked={value === type.code}
                  aria-describedby={`${radioId}-basis${type.uncertain ? ` ${radioId}-uncertain` : ''}`}
                  onChange={() => onChange(type.code)}
                />
                <label htmlFor={radioId}>{typeLabel(t, type.code, type.title)}</label>
              </div>
              <p className="hint cert-type__hint" id={`${radioId}-basis`}>
                {type.programs.map((p) => programLabel(t, p)).join('·')}
                {type.past_receipt ? ` · ${t('certIssue.pastReceipt')}` : ''} — {type.legal_basis}
              </p>
              {type.uncertain ? (
                <p className="cert-type__hint uncertain__reason" id={`${radioId}-uncertain`}>
                  <span aria-hidden="true">⚠ </span>
                  {t('certIssue.uncertain')}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
