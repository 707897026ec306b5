import type { DecisionProposal, HouseholdRead, InvestigationRead, PersonRead } from '../../api/types';

// Shapes the API answers, for the component tests (최은정 of the demo data: alone in her household).
export const PERSON_ID = '1533b5c9-0c13-4ccb-924a-c9bc79fe7a2e';
export const HOUSEHOLD_ID = '45f4baf7-7470-42a2-92e1-e1008b8b2de0';
export const APPLICATION_ID = '3c1ae88b-f794-4028-b95e-59fea9d34b02';
export const INVESTIGATION_ID = '5312367f-204b-42cc-aa7c-e6142a3dad0d';

export const PERSON: PersonRead = {
  id: PERSON_ID,
  name: '최은정',
  rrn_masked: '760115-2******',
  birth_date: '1976-01-15',
  sex: 'F',
  foreign_resident: false,
  address: { sigungu_code: '11110', sigungu_name: '종로구', emd_code: '1111010100', emd_name: '청운동', address: '필운대로 5' },
  phone: null,
  disability: 'none',
  bank_account: null,
  household: { household_id: HOUSEHOLD_ID, relation: 'head' },
  version: 1,
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
};

export const SPOUSE_ID = '7f3d2c1b-0000-4000-8000-000000000002';

export const HOUSEHOLD: HouseholdRead = {
  id: HOUSEHOLD_ID,
  address: { sigungu_code: '11110', sigungu_name: '종로구', emd_code: '1111010100', emd_name: '청운동', address: '필운대로 5' },
  members: [
    { person_id: PERSON_ID, name: '최은정', rrn_masked: '760115-2******', birth_date: '1976-01-15', relation: 'head', joined_on: '2026-01-02' },
    { person_id: SPOUSE_ID, name: '한도윤', rrn_masked: '740303-1******', birth_date: '1974-03-03', relation: 'spouse', joined_on: '2026-01-02' },
  ],
  version: 1,
};

export const INVESTIGATION: InvestigationRead = {
  id: INVESTIGATION_ID,
  application_id: APPLICATION_ID,
  state: 'open',
  as_of: '2026-11-25',
  income_month: '2026-10-01',
  started_by: 'jongno.investigator',
  completed_by: null,
  facts: {},
  members: [{ member_id: 'm1', person_id: PERSON_ID, name: '최은정', relation: 'head', birth_date: '1976-01-15' }],
  obligors: [],
  household: null,
  results: [],
  recognized_income: 210000,
  evidence: [
    {
      id: 'e0000000-0000-4000-8000-000000000001',
      person_id: PERSON_ID,
      person_name: '최은정',
      role: 'member',
      kind: 'income',
      source: 'linked',
      agency: 'nts',
      record_id: 'NTS-1',
      record: {
        month: '2026-10-01',
        payer: '새솔유통',
        agency: 'nts',
        amount: 300000,
        record_id: 'NTS-1',
        income_type: 'earned',
        reference_date: '2026-11-25',
      },
      status: 'active',
      reason: null,
      replaces_id: null,
      entered_by: 'jongno.investigator',
      entered_at: '2026-11-25T08:54:29Z',
      void_reason: null,
    },
  ],
  not_obtained: [],
  version: 5,
};

export const PROPOSAL: DecisionProposal = {
  application_id: APPLICATION_ID,
  program: 'livelihood',
  case_version: 3,
  state: 'investigated',
  eligible: true,
  monthly_amount: 596556,
  start_date: '2026-11-25',
  result: null,
  exclusivity: { verdict: 'allowed', reasons: [] },
  may_decide: true,
  may_decide_reason: null,
  reason_codes: {
    eligible: '선정기준을 충족합니다.',
    amount_adjusted: '산정액과 다른 급여액으로 결정합니다 (결정 내용 참조).',
    exclusivity_adjusted: '중복지원 조정에 따라 급여액이 조정되었습니다.',
    income_over_threshold: '소득인정액이 선정기준액을 초과합니다.',
    support_obligor: '부양의무자 기준을 충족하지 못합니다 (부양능력 있는 부양의무자가 있음).',
    duplicate_benefit: '같은 목적의 급여를 이미 받고 있어 중복하여 지급할 수 없습니다.',
    other: '기타 (결정 내용 참조)',
  },
};
