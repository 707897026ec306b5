/**
 * The purpose of the work, recorded in the 접속기록 of every request that reads or changes personal
 * data (`X-Purpose`, percent-encoded UTF-8). Written in Korean whatever the screen language is, so
 * the access records read the same for every official.
 */
export const PURPOSES = {
  search: '대상자 검색 (성명·생년월일)',
  lookup: '대상자 조회 (주민등록번호)',
  personRead: '대상자 상세 조회',
  personEdit: '대상자 정보 수정',
  personCreate: '대상자 신규 등록',
  rrnReveal: '주민등록번호 전체 열람',
  householdRead: '가구 상세 조회',
  householdCreate: '가구 신규 등록',
  memberAdd: '가구원 추가 (전입)',
  pickPerson: '가구원 선택을 위한 대상자 검색',
} as const;

export type Purpose = keyof typeof PURPOSES;

/** Header value for `X-Purpose`. */
export function purposeHeader(purpose: Purpose): string {
  return encodeURIComponent(PURPOSES[purpose]);
}

/** `params.header` for an audited route. */
export function purpose(p: Purpose): { header: { 'x-purpose': string } } {
  return { header: { 'x-purpose': purposeHeader(p) } };
}
