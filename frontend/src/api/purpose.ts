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
  pickApplicant: '급여 신청인 선택을 위한 대상자 검색',
  applicationCreate: '급여 신청 접수',
  applicationList: '급여 신청 목록 조회',
  overdueList: '처리기한 경과 신청 조회',
  applicationRead: '급여 신청 상세 조회',
  applicationHistory: '급여 신청 사례 이력 조회',
  withdrawal: '급여 신청 취하 처리',
  extension: '결정 처리기한 연장',
  refusal: '조사 거부·방해 기록',
  dismissal: '급여 신청 각하',
  investigationStart: '통합조사 착수 (연계 자료 조회)',
  investigationRead: '통합조사 내용 조회',
  investigationFacts: '통합조사 확인 사항 입력',
  evidenceAdd: '통합조사 자료 입력·정정',
  evidenceVoid: '통합조사 자료 무효 처리',
  regather: '통합조사 연계 자료 재조회',
  investigationComplete: '통합조사 완료',
  investigationReopen: '보완조사 요구',
  proposal: '보장 결정 검토',
  noticePreview: '결정통지서 미리보기',
  decide: '보장 결정',
  decisionRead: '보장 결정 내용 조회',
  noticePrint: '결정통지서 출력',
  certificatePreview: '증명서 미리보기',
  certificateIssue: '증명서 발급',
  certificateIssuedPrint: '증명서 발급 (발급본 출력)',
  certificateRegister: '증명서 발급대장 조회',
  personCertificates: '대상자 증명서 발급 내역 조회',
  certificateRead: '증명서 발급 내용 조회',
  certificateReprint: '증명서 재출력',
  paymentRuns: '지급 회차 조회',
  paymentRunStart: '지급 회차 시작',
  paymentRunRetry: '지급 회차 실패 청크 재처리',
  paymentReport: '지급 회차 보고서 조회',
  paymentLines: '지급 내역 조회',
  paymentLineAction: '지급 내역 보류·해제·재지급',
  bankFiles: '이체 파일 목록 조회',
  bankFileExport: '이체 파일 생성 (예금주 확인)',
  bankFileDownload: '이체 파일 내려받기 (은행 전송)',
  bankResultImport: '은행 처리 결과 반영',
  bankSimulatedResult: '모의 은행 처리 결과 받기 (개발)',
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
