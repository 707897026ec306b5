import type { SubmitEvent } from 'react';
import type { SigunguRead } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { Field } from '../../shared/ui/Field';
import { MoneyInput } from '../../shared/ui/MoneyInput';
import { groupBySido } from '../registry/reference';
import {
  ASSET_KEYS,
  CHILDCARES,
  CRISIS_CODES,
  DISABILITIES,
  INCOME_KEYS,
  memberId,
  newMember,
  newObligor,
  newVehicle,
  RELATIONS,
  SCHOOLS,
  TENURES,
  VEHICLE_USES,
  type MemberForm,
  type SimulationForm as Form,
} from './model';

/** The control showing a request field (`members.0.birth_date` → `sim-members-0-birth_date`). */
export function simFieldId(path: string): string {
  return `sim-${path.replace(/\./g, '-')}`;
}

interface Props {
  value: Form;
  onChange: (next: Form) => void;
  onSubmit: () => void;
  errors: Map<string, string>;
  sigungu: readonly SigunguRead[] | undefined;
  busy: boolean;
}

const MAX_MEMBERS = 20;

export function SimulationForm({ value: form, onChange, onSubmit, errors, sigungu, busy }: Props) {
  const t = useT();
  const err = (path: string) => errors.get(path);
  const id = simFieldId;

  const setMember = (index: number, patch: Partial<MemberForm>) =>
    onChange({ ...form, members: form.members.map((m, i) => (i === index ? { ...m, ...patch } : m)) });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form onSubmit={submit} noValidate className="form sim-form" aria-label={t('sim.formTitle')}>
      <fieldset className="fieldset">
        <legend>{t('sim.basics')}</legend>
        <div className="grid grid--4">
          <Field id={id('as_of')} label={t('sim.asOf')} hint={t('sim.asOfHint')} required error={err('as_of')}>
            {(c) => (
              <input {...c} className="input" type="date" value={form.as_of} onChange={(e) => onChange({ ...form, as_of: e.target.value })} />
            )}
          </Field>
          <Field id={id('sigungu_code')} label={t('sim.sigungu')} required error={err('sigungu_code')}>
            {(c) => (
              <select
                {...c}
                className="input"
                value={form.sigungu_code}
                onChange={(e) => onChange({ ...form, sigungu_code: e.target.value })}
              >
                {sigungu ? null : <option value={form.sigungu_code}>{form.sigungu_code || '—'}</option>}
                {sigungu
                  ? groupBySido(sigungu).map((g) => (
                      <optgroup key={g.sido} label={g.sido}>
                        {g.items.map((s) => (
                          <option key={s.code} value={s.code}>
                            {s.name} ({s.code})
                          </option>
                        ))}
                      </optgroup>
                    ))
                  : null}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="fieldset" id={id('members')}>
        <legend>{t('sim.members', { count: form.members.length })}</legend>
        {err('members') ? <p className="field-error">⚠ {err('members')}</p> : null}
        {form.members.map((m, i) => {
          const p = `members.${i}`;
          return (
            <fieldset key={m.key} className="member">
              <legend>
                {t('sim.member', { n: i + 1 })} <span className="muted mono">({memberId(i)})</span>
              </legend>
              <div className="grid grid--6">
                <Field id={id(`${p}.relation`)} label={t('sim.relation')} required error={err(`${p}.relation`)}>
                  {(c) => (
                    <select {...c} className="input" value={m.relation} onChange={(e) => setMember(i, { relation: e.target.value as MemberForm['relation'] })}>
                      {RELATIONS.map((r) => (
                        <option key={r} value={r}>
                          {t(`relation.${r}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={id(`${p}.birth_date`)} label={t('person.birthDate')} required error={err(`${p}.birth_date`)}>
                  {(c) => (
                    <input {...c} className="input" type="date" value={m.birth_date} onChange={(e) => setMember(i, { birth_date: e.target.value })} />
                  )}
                </Field>
                <Field id={id(`${p}.disability`)} label={t('person.disability')} error={err(`${p}.disability`)}>
                  {(c) => (
                    <select {...c} className="input" value={m.disability} onChange={(e) => setMember(i, { disability: e.target.value as MemberForm['disability'] })}>
                      {DISABILITIES.map((d) => (
                        <option key={d} value={d}>
                          {t(`disability.${d}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={id(`${p}.school`)} label={t('sim.school')} error={err(`${p}.school`)}>
                  {(c) => (
                    <select {...c} className="input" value={m.school} onChange={(e) => setMember(i, { school: e.target.value as MemberForm['school'] })}>
                      {SCHOOLS.map((s) => (
                        <option key={s} value={s}>
                          {t(`school.${s}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={id(`${p}.childcare`)} label={t('sim.childcare')} error={err(`${p}.childcare`)}>
                  {(c) => (
                    <select {...c} className="input" value={m.childcare} onChange={(e) => setMember(i, { childcare: e.target.value as MemberForm['childcare'] })}>
                      {CHILDCARES.map((s) => (
                        <option key={s} value={s}>
                          {t(`childcare.${s}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div className="field field--checkbox">
                  <div className="checkbox">
                    <input
                      id={id(`${p}.occupational_pension`)}
                      type="checkbox"
                      checked={m.occupational_pension}
                      onChange={(e) => setMember(i, { occupational_pension: e.target.checked })}
                    />
                    <label htmlFor={id(`${p}.occupational_pension`)}>{t('sim.occupationalPension')}</label>
                  </div>
                </div>
              </div>
              <fieldset className="fieldset fieldset--inner">
                <legend>{t('sim.income')}</legend>
                <div className="grid grid--7">
                  {INCOME_KEYS.map((k) => (
                    <Field key={k} id={id(`${p}.income.${k}`)} label={t(`income.${k}`)} error={err(`${p}.income.${k}`)}>
                      {(c) => (
                        <MoneyInput {...c} value={m.income[k]} onChange={(v) => setMember(i, { income: { ...m.income, [k]: v } })} />
                      )}
                    </Field>
                  ))}
                </div>
              </fieldset>
              {form.members.length > 1 ? (
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => onChange({ ...form, members: form.members.filter((_, j) => j !== i) })}
                >
                  {t('sim.removeMember', { n: i + 1 })}
                </button>
              ) : null}
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button"
          disabled={form.members.length >= MAX_MEMBERS}
          onClick={() => onChange({ ...form, members: [...form.members, newMember(form.members.length === 1 ? 'spouse' : 'child')] })}
        >
          {t('sim.addMember')}
        </button>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('sim.assets')}</legend>
        <div className="grid grid--4">
          {ASSET_KEYS.map((k) => (
            <Field key={k} id={id(`assets.${k}`)} label={t(`asset.${k}` as MessageKey)} error={err(`assets.${k}`)}>
              {(c) => (
                <MoneyInput {...c} value={form.assets[k]} onChange={(v) => onChange({ ...form, assets: { ...form.assets, [k]: v } })} />
              )}
            </Field>
          ))}
        </div>
        <h3 className="subheading">{t('sim.vehicles')}</h3>
        {form.vehicles.length === 0 ? <p className="muted">{t('sim.noVehicles')}</p> : null}
        {form.vehicles.map((v, i) => {
          const p = `assets.vehicles.${i}`;
          const setV = (patch: Partial<typeof v>) =>
            onChange({ ...form, vehicles: form.vehicles.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <fieldset key={v.key} className="member">
              <legend>{t('sim.vehicle', { n: i + 1 })}</legend>
              <div className="grid grid--5">
                <Field id={id(`${p}.value`)} label={t('vehicle.value')} error={err(`${p}.value`)}>
                  {(c) => <MoneyInput {...c} value={v.value} onChange={(x) => setV({ value: x })} />}
                </Field>
                <Field id={id(`${p}.cc`)} label={t('vehicle.cc')} error={err(`${p}.cc`)}>
                  {(c) => <MoneyInput {...c} unit="cc" value={v.cc} onChange={(x) => setV({ cc: x })} />}
                </Field>
                <Field id={id(`${p}.age_years`)} label={t('vehicle.age')} error={err(`${p}.age_years`)}>
                  {(c) => <MoneyInput {...c} unit={t('unit.years')} value={v.age_years} onChange={(x) => setV({ age_years: x })} />}
                </Field>
                <Field id={id(`${p}.use`)} label={t('vehicle.use')} error={err(`${p}.use`)}>
                  {(c) => (
                    <select {...c} className="input" value={v.use} onChange={(e) => setV({ use: e.target.value as typeof v.use })}>
                      {VEHICLE_USES.map((u) => (
                        <option key={u} value={u}>
                          {t(`vehicleUse.${u}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div className="field field--button">
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => onChange({ ...form, vehicles: form.vehicles.filter((_, j) => j !== i) })}
                  >
                    {t('sim.removeVehicle', { n: i + 1 })}
                  </button>
                </div>
              </div>
            </fieldset>
          );
        })}
        <button type="button" className="button" onClick={() => onChange({ ...form, vehicles: [...form.vehicles, newVehicle()] })}>
          {t('sim.addVehicle')}
        </button>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('sim.housing')}</legend>
        <div className="grid grid--4">
          <Field id={id('housing.tenure')} label={t('sim.tenure')} error={err('housing.tenure')}>
            {(c) => (
              <select
                {...c}
                className="input"
                value={form.housing.tenure}
                onChange={(e) => onChange({ ...form, housing: { ...form.housing, tenure: e.target.value as Form['housing']['tenure'] } })}
              >
                {TENURES.map((x) => (
                  <option key={x} value={x}>
                    {t(`tenure.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('housing.monthly_rent')} label={t('sim.monthlyRent')} error={err('housing.monthly_rent')}>
            {(c) => (
              <MoneyInput {...c} value={form.housing.monthly_rent} onChange={(v) => onChange({ ...form, housing: { ...form.housing, monthly_rent: v } })} />
            )}
          </Field>
          <Field id={id('housing.deposit')} label={t('sim.deposit')} hint={t('sim.depositHint')} error={err('housing.deposit')}>
            {(c) => (
              <MoneyInput {...c} value={form.housing.deposit} onChange={(v) => onChange({ ...form, housing: { ...form.housing, deposit: v } })} />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('sim.obligors')}</legend>
        <p className="hint">{t('sim.obligorsHint')}</p>
        {form.obligors.map((o, i) => {
          const p = `obligors.${i}`;
          const setO = (patch: Partial<typeof o>) =>
            onChange({ ...form, obligors: form.obligors.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <fieldset key={o.key} className="member">
              <legend>{t('sim.obligor', { n: i + 1 })}</legend>
              <div className="grid grid--3">
                <Field id={id(`${p}.annual_income`)} label={t('obligor.annualIncome')} error={err(`${p}.annual_income`)}>
                  {(c) => <MoneyInput {...c} value={o.annual_income} onChange={(x) => setO({ annual_income: x })} />}
                </Field>
                <Field id={id(`${p}.general_property`)} label={t('obligor.generalProperty')} error={err(`${p}.general_property`)}>
                  {(c) => <MoneyInput {...c} value={o.general_property} onChange={(x) => setO({ general_property: x })} />}
                </Field>
                <div className="field field--button">
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => onChange({ ...form, obligors: form.obligors.filter((_, j) => j !== i) })}
                  >
                    {t('sim.removeObligor', { n: i + 1 })}
                  </button>
                </div>
              </div>
            </fieldset>
          );
        })}
        <button type="button" className="button" onClick={() => onChange({ ...form, obligors: [...form.obligors, newObligor()] })}>
          {t('sim.addObligor')}
        </button>
      </fieldset>

      <fieldset className="fieldset" id={id('crisis_reasons')}>
        <legend>{t('sim.crisis')}</legend>
        <p className="hint">{t('sim.crisisHint')}</p>
        {err('crisis_reasons') ? <p className="field-error">⚠ {err('crisis_reasons')}</p> : null}
        <div className="checks">
          {CRISIS_CODES.map((code) => (
            <div className="checkbox" key={code}>
              <input
                id={id(`crisis.${code}`)}
                type="checkbox"
                checked={form.crisis_reasons.includes(code)}
                onChange={(e) =>
                  onChange({
                    ...form,
                    crisis_reasons: e.target.checked
                      ? [...form.crisis_reasons, code]
                      : form.crisis_reasons.filter((c) => c !== code),
                  })
                }
              />
              <label htmlFor={id(`crisis.${code}`)}>{t(`crisis.${code}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <div className="actions actions--sticky">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('sim.running') : t('sim.run')}
        </button>
      </div>
    </form>
  );
}
