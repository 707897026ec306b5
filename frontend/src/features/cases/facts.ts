import type { AssessedMember, FactsIn, MemberFactsIn } from '../../api/types';

export type Tenure = 'rent' | 'own' | 'free' | 'none';
export type CrisisCode = NonNullable<FactsIn['crisis_reasons']>[number];
export type School = NonNullable<MemberFactsIn['school']>;
export type Childcare = NonNullable<MemberFactsIn['childcare']>;

export const TENURES: readonly Tenure[] = ['rent', 'own', 'free', 'none'];
export const SCHOOLS: readonly School[] = ['none', 'elementary', 'middle', 'high'];
export const CHILDCARES: readonly Childcare[] = ['none', 'daycare', 'kindergarten', 'sitter'];
export const CRISIS_CODES: readonly CrisisCode[] = [
  'income_loss',
  'illness',
  'neglect_abuse',
  'domestic_violence',
  'fire_disaster',
  'business_closure',
  'unemployment',
  'other_notified',
];

export interface MemberFactsForm {
  school: School;
  childcare: Childcare;
  privateTransfer: string;
  propertyIncome: string;
}

/** Amounts as the digits typed; '' in `tenure` and `deposit` means "as the linked data says". */
export interface FactsForm {
  tenure: Tenure | '';
  monthlyRent: string;
  deposit: string;
  crisis: CrisisCode[];
  members: Record<string, MemberFactsForm>;
}

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function amount(value: unknown): string {
  return typeof value === 'number' && value > 0 ? String(value) : '';
}

/** The form as the facts last saved (the investigation's `facts`, free-form JSON) set it. */
export function factsForm(facts: Record<string, unknown>, members: readonly AssessedMember[]): FactsForm {
  const housing = obj(facts.housing);
  const saved = obj(facts.members);
  const crisis = Array.isArray(facts.crisis_reasons) ? facts.crisis_reasons : [];
  return {
    tenure: housing.tenure === null || housing.tenure === undefined ? '' : pick(housing.tenure, TENURES, 'none'),
    monthlyRent: amount(housing.monthly_rent),
    deposit: typeof housing.deposit === 'number' ? String(housing.deposit) : '',
    crisis: CRISIS_CODES.filter((c) => crisis.includes(c)),
    members: Object.fromEntries(
      members.map((m) => {
        const row = obj(saved[m.person_id]);
        return [
          m.person_id,
          {
            school: pick(row.school, SCHOOLS, 'none'),
            childcare: pick(row.childcare, CHILDCARES, 'none'),
            privateTransfer: amount(row.private_transfer),
            propertyIncome: amount(row.property_income),
          },
        ];
      }),
    ),
  };
}

const won = (digits: string) => Number(digits.replace(/\D+/g, '') || '0');

/** The request's `facts`: every member is sent, so a saved value can be set back to none. */
export function toFactsIn(form: FactsForm): FactsIn {
  return {
    housing: {
      tenure: form.tenure === '' ? null : form.tenure,
      monthly_rent: won(form.monthlyRent),
      deposit: form.deposit.trim() === '' ? null : won(form.deposit),
    },
    crisis_reasons: CRISIS_CODES.filter((c) => form.crisis.includes(c)),
    members: Object.fromEntries(
      Object.entries(form.members).map(([personId, m]) => [
        personId,
        {
          school: m.school,
          childcare: m.childcare,
          private_transfer: won(m.privateTransfer),
          property_income: won(m.propertyIncome),
        },
      ]),
    ),
  };
}
