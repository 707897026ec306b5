import type { Translate } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { INCOME_KEYS } from './model';

const FIELD_LABELS: Record<string, MessageKey> = {
  as_of: 'sim.asOf',
  sigungu_code: 'sim.sigungu',
  members: 'sim.membersTitle',
  crisis_reasons: 'sim.crisis',
  relation: 'sim.relation',
  birth_date: 'person.birthDate',
  disability: 'person.disability',
  school: 'sim.school',
  childcare: 'sim.childcare',
  occupational_pension: 'sim.occupationalPension',
  'assets.housing': 'asset.housing',
  'assets.general': 'asset.general',
  'assets.financial': 'asset.financial',
  'assets.debts': 'asset.debts',
  value: 'vehicle.value',
  cc: 'vehicle.cc',
  age_years: 'vehicle.age',
  use: 'vehicle.use',
  'housing.tenure': 'sim.tenure',
  'housing.monthly_rent': 'sim.monthlyRent',
  'housing.deposit': 'sim.deposit',
  annual_income: 'obligor.annualIncome',
  general_property: 'obligor.generalProperty',
};

/** A request field path in words: `members.2.income.earned` → "가구원 3 근로소득". */
export function fieldLabel(field: string, t: Translate): string | null {
  const known = FIELD_LABELS[field];
  if (known) return t(known);
  const row = /^(members|assets\.vehicles|obligors)\.(\d+)(?:\.(.+))?$/.exec(field);
  if (!row) return null;
  const [, list = '', index = '0', rest = ''] = row;
  const n = Number(index) + 1;
  const owner =
    list === 'members' ? t('sim.member', { n }) : list === 'obligors' ? t('sim.obligor', { n }) : t('sim.vehicle', { n });
  if (!rest) return owner;
  const income = /^income\.(\w+)$/.exec(rest);
  const key = income ? (`income.${income[1] ?? ''}` as MessageKey) : FIELD_LABELS[rest];
  const words = key && (income ? INCOME_KEYS.includes(income[1] as (typeof INCOME_KEYS)[number]) : true) ? t(key) : rest;
  return `${owner} ${words}`;
}
