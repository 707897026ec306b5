import type { CertificateCatalogue, CertificateIssued } from '../../api/types';

// Shapes the API answers, for the tests: the type list as `GET /certificates/types` gives it, and a
// 수급자증명서 for 서말순 of the demo data.
export const CATALOGUE: CertificateCatalogue = {
  types: [
    {
      code: 'basic_livelihood',
      title: '수급자증명서',
      legal_basis: '국민기초생활보장법 시행규칙 제40조, 별지 제3호서식',
      programs: ['livelihood', 'medical', 'housing', 'education'],
      past_receipt: false,
      shows_members: true,
      full_rrn_allowed: true,
      uncertain: null,
    },
    {
      code: 'receipt_history',
      title: '급여 수급 사실 확인서',
      legal_basis: '국민기초생활보장법 (수급 사실 확인; 서식·조문 미확인)',
      programs: ['livelihood', 'medical', 'housing', 'education'],
      past_receipt: true,
      shows_members: false,
      full_rrn_allowed: false,
      uncertain: 'Exact form names and legal bases not verified (research note F, [2차])',
    },
    {
      code: 'basic_pension',
      title: '기초연금 수급자 확인서',
      legal_basis: '기초연금법 (확인서 서식·근거 조문 미확인)',
      programs: ['basic_pension'],
      past_receipt: false,
      shows_members: false,
      full_rrn_allowed: false,
      uncertain: 'Exact form names and legal bases not verified (research note F, [2차])',
    },
    {
      code: 'disability_pension',
      title: '장애인연금 수급자 확인서',
      legal_basis: '장애인연금법 (확인서 서식·근거 조문 미확인)',
      programs: ['disability_pension'],
      past_receipt: false,
      shows_members: false,
      full_rrn_allowed: false,
      uncertain: 'Exact form names and legal bases not verified (research note F, [2차])',
    },
    {
      code: 'child',
      title: '영유아 수급 확인서 (부모급여·아동수당)',
      legal_basis: '아동수당법 (부모급여: 제4조⑤; 확인서 서식·근거 조문 미확인)',
      programs: ['parent_benefit', 'child_allowance'],
      past_receipt: false,
      shows_members: false,
      full_rrn_allowed: false,
      uncertain: 'Exact form names and legal bases not verified (research note F, [2차])',
    },
  ],
  purposes: [
    { code: 'financial_institution', label: '금융기관 제출', items: ['name', 'programs', 'rrn_masked', 'start_date'], full_rrn_possible: true },
    { code: 'school', label: '학교 제출', items: ['members', 'name', 'programs', 'start_date'], full_rrn_possible: false },
    { code: 'public_office', label: '관공서 제출', items: ['address', 'members', 'name', 'programs', 'rrn_masked', 'start_date'], full_rrn_possible: false },
    { code: 'telecom_discount', label: '통신요금 감면', items: ['name', 'programs', 'rrn_masked'], full_rrn_possible: false },
    { code: 'utility_discount', label: '전기·가스요금 감면', items: ['address', 'name', 'programs'], full_rrn_possible: false },
    { code: 'housing_lease', label: '주택 임대 관련', items: ['address', 'members', 'name', 'programs', 'start_date'], full_rrn_possible: false },
    { code: 'other', label: '기타', items: ['name', 'programs'], full_rrn_possible: false },
  ],
};

export const SEO_ID = '0176a9f9-72ab-4371-a9f5-dd3183072da5';

export const ISSUED: CertificateIssued = {
  document_number: '2026-11110-00000002',
  certificate_type: 'basic_livelihood',
  title: '수급자증명서',
  purpose: 'public_office',
  purpose_label: '관공서 제출',
  holder: { id: SEO_ID, name: '서말순', rrn_masked: '510627-2******' },
  issued_on: '2026-12-03',
  issued_at: '2026-12-02T15:30:50.952341Z',
  issuer: '서울특별시 종로구 청운동장',
  channel: 'official',
  issued_by: 'jongno.intake',
  period: null,
  full_rrn_printed: false,
  printed_items: ['address', 'document_number', 'issue_date', 'issuer', 'members', 'name', 'programs', 'purpose', 'rrn_masked', 'start_date'],
  lines: [
    {
      entitlement_id: '8b36e042-e4c8-476e-83c0-cbe834ed8f21',
      program: 'livelihood',
      program_label: '생계급여',
      start_date: '2026-09-14',
      certified_from: '2026-09-14',
      certified_through: '2026-12-03',
      beneficiary_name: null,
    },
  ],
  status: 'valid',
  revoked_at: null,
  revoked_reason: null,
  verification_count: 0,
  pdf_url: '/api/v1/certificates/2026-11110-00000002/pdf',
  verification_code: 'CQQD-AMYP-GZEJ-32B8',
  verification_url: 'http://127.0.0.1:8000/verify?number=2026-11110-00000002&code=CQQD-AMYP-GZEJ-32B8',
};
