import type { Address } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { groupBySido, useSigungu } from './reference';

export interface AddressForm {
  sigungu_code: string;
  emd_code: string;
  emd_name: string;
  address: string;
}

export function addressFromForm(form: AddressForm): Address {
  const address: Address = { sigungu_code: form.sigungu_code, address: form.address };
  if (form.emd_code.trim()) address.emd_code = form.emd_code.trim();
  if (form.emd_name.trim()) address.emd_name = form.emd_name.trim();
  return address;
}

interface Props {
  value: AddressForm;
  onChange: (value: AddressForm) => void;
  errors: Map<string, string>;
  fieldId: (field: string) => string;
  /** Body path of the address object ("address"). */
  path?: string;
}

/** 주소: 시군구 (from the reference list), 읍면동 code and name, and the road address. */
export function AddressFields({ value, onChange, errors, fieldId, path = 'address' }: Props) {
  const t = useT();
  const sigungu = useSigungu();
  const set = (key: keyof AddressForm, v: string) => onChange({ ...value, [key]: v });
  const id = (key: string) => fieldId(`${path}.${key}`);
  return (
    <fieldset className="fieldset">
      <legend>{t('person.addressTitle')}</legend>
      {errors.get(path) ? (
        <p className="field-error" id={fieldId(path)}>
          <span aria-hidden="true">⚠ </span>
          {errors.get(path)}
        </p>
      ) : null}
      <div className="grid grid--4">
        <Field id={id('sigungu_code')} label={t('person.sigungu')} required error={errors.get(`${path}.sigungu_code`)}>
          {(c) => (
            <select {...c} className="input" value={value.sigungu_code} onChange={(e) => set('sigungu_code', e.target.value)}>
              {sigungu.data ? (
                groupBySido(sigungu.data).map((group) => (
                  <optgroup key={group.sido} label={group.sido}>
                    {group.items.map((s) => (
                      <option key={s.code} value={s.code}>
                        {s.name} ({s.code})
                      </option>
                    ))}
                  </optgroup>
                ))
              ) : (
                <option value={value.sigungu_code}>{value.sigungu_code}</option>
              )}
            </select>
          )}
        </Field>
        <Field
          id={id('emd_code')}
          label={t('person.emdCode')}
          hint={t('person.emdCodeHint')}
          error={errors.get(`${path}.emd_code`)}
        >
          {(c) => (
            <input
              {...c}
              className="input mono"
              inputMode="numeric"
              autoComplete="off"
              maxLength={10}
              value={value.emd_code}
              onChange={(e) => set('emd_code', e.target.value)}
            />
          )}
        </Field>
        <Field id={id('emd_name')} label={t('person.emd')} error={errors.get(`${path}.emd_name`)}>
          {(c) => <input {...c} className="input" autoComplete="off" value={value.emd_name} onChange={(e) => set('emd_name', e.target.value)} />}
        </Field>
        <Field id={id('address')} label={t('person.address')} required error={errors.get(`${path}.address`)}>
          {(c) => <input {...c} className="input" autoComplete="off" value={value.address} onChange={(e) => set('address', e.target.value)} />}
        </Field>
      </div>
    </fieldset>
  );
}
