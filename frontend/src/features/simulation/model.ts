import type { MemberIn, SimulationRequest, VehicleIn } from '../../api/types';

export type Relation = MemberIn['relation'];
export type Disability = NonNullable<MemberIn['disability']>;
export type School = NonNullable<MemberIn['school']>;
export type Childcare = NonNullable<MemberIn['childcare']>;
export type VehicleUse = NonNullable<VehicleIn['use']>;
export type Tenure = NonNullable<NonNullable<SimulationRequest['housing']>['tenure']>;
export type CrisisCode = NonNullable<SimulationRequest['crisis_reasons']>[number];

export const RELATIONS: Relation[] = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'];
export const DISABILITIES: Disability[] = ['none', 'mild', 'severe'];
export const SCHOOLS: School[] = ['none', 'elementary', 'middle', 'high'];
export const CHILDCARES: Childcare[] = ['none', 'daycare', 'kindergarten', 'sitter'];
export const VEHICLE_USES: VehicleUse[] = ['ordinary', 'livelihood', 'disabled', 'cargo'];
export const TENURES: Tenure[] = ['rent', 'own', 'free', 'none'];
export const CRISIS_CODES: CrisisCode[] = [
  'income_loss',
  'illness',
  'neglect_abuse',
  'domestic_violence',
  'fire_disaster',
  'business_closure',
  'unemployment',
  'other_notified',
];
export const INCOME_KEYS = [
  'earned',
  'business',
  'property',
  'public_transfer',
  'private_transfer',
  'national_pension',
  'national_pension_a',
] as const;
export type IncomeKey = (typeof INCOME_KEYS)[number];
export const ASSET_KEYS = ['housing', 'general', 'financial', 'debts'] as const;
export type AssetKey = (typeof ASSET_KEYS)[number];

/** Amounts are kept as the digits typed ("" = 0). */
export interface MemberForm {
  key: number;
  relation: Relation;
  birth_date: string;
  disability: Disability;
  school: School;
  childcare: Childcare;
  occupational_pension: boolean;
  income: Record<IncomeKey, string>;
}

export interface VehicleForm {
  key: number;
  value: string;
  cc: string;
  age_years: string;
  use: VehicleUse;
}

export interface ObligorForm {
  key: number;
  annual_income: string;
  general_property: string;
}

export interface SimulationForm {
  as_of: string;
  sigungu_code: string;
  members: MemberForm[];
  assets: Record<AssetKey, string>;
  vehicles: VehicleForm[];
  housing: { tenure: Tenure; monthly_rent: string; deposit: string };
  obligors: ObligorForm[];
  crisis_reasons: CrisisCode[];
}

let nextKey = 1;
/** A key for a repeated row (React list identity only; never sent). */
export function rowKey(): number {
  nextKey += 1;
  return nextKey;
}

export function emptyIncome(): Record<IncomeKey, string> {
  return { earned: '', business: '', property: '', public_transfer: '', private_transfer: '', national_pension: '', national_pension_a: '' };
}

export function newMember(relation: Relation): MemberForm {
  return {
    key: rowKey(),
    relation,
    birth_date: '',
    disability: 'none',
    school: 'none',
    childcare: 'none',
    occupational_pension: false,
    income: emptyIncome(),
  };
}

export function newVehicle(): VehicleForm {
  return { key: rowKey(), value: '', cc: '', age_years: '', use: 'ordinary' };
}

export function newObligor(): ObligorForm {
  return { key: rowKey(), annual_income: '', general_property: '' };
}

export function initialForm(asOf: string, sigungu: string): SimulationForm {
  return {
    as_of: asOf,
    sigungu_code: sigungu,
    members: [newMember('head')],
    assets: { housing: '', general: '', financial: '', debts: '' },
    vehicles: [],
    housing: { tenure: 'none', monthly_rent: '', deposit: '' },
    obligors: [],
    crisis_reasons: [],
  };
}

/** The id a member has in the request and the answer: m1, m2, … in the order of the form. */
export function memberId(index: number): string {
  return `m${index + 1}`;
}

function amount(digits: string): number {
  const cleaned = digits.replace(/\D+/g, '');
  return cleaned === '' ? 0 : Number(cleaned);
}

export function toRequest(form: SimulationForm): SimulationRequest {
  return {
    as_of: form.as_of,
    sigungu_code: form.sigungu_code,
    members: form.members.map((m, index) => ({
      id: memberId(index),
      relation: m.relation,
      birth_date: m.birth_date,
      disability: m.disability,
      school: m.school,
      childcare: m.childcare,
      occupational_pension: m.occupational_pension,
      income: Object.fromEntries(INCOME_KEYS.map((k) => [k, amount(m.income[k])])) as Record<IncomeKey, number>,
    })),
    assets: {
      housing: amount(form.assets.housing),
      general: amount(form.assets.general),
      financial: amount(form.assets.financial),
      debts: amount(form.assets.debts),
      vehicles: form.vehicles.map((v) => ({
        value: amount(v.value),
        cc: amount(v.cc),
        age_years: amount(v.age_years),
        use: v.use,
      })),
    },
    housing: {
      tenure: form.housing.tenure,
      monthly_rent: amount(form.housing.monthly_rent),
      deposit: amount(form.housing.deposit),
    },
    obligors: form.obligors.map((o) => ({
      annual_income: amount(o.annual_income),
      general_property: amount(o.general_property),
    })),
    crisis_reasons: form.crisis_reasons,
  };
}
