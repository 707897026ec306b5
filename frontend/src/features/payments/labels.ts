import type { Translate } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { programLabel } from '../cases/labels';
import type { LineActionCode, LineStatus, MonthlyProgram } from './types';

/** The programs paid monthly, in the application form's order (기초생활보장 first). */
export const MONTHLY_PROGRAMS: readonly MonthlyProgram[] = [
  'livelihood',
  'housing',
  'basic_pension',
  'disability_pension',
  'parent_benefit',
  'child_allowance',
  'home_care_allowance',
];

export function isMonthlyProgram(value: string): value is MonthlyProgram {
  return (MONTHLY_PROGRAMS as readonly string[]).includes(value);
}

/** A line's life: made ready (or held) by the run, sent in a bank file, then paid or failed;
 * settled when 상계 took the whole amount. */
export const LINE_STATUSES: readonly LineStatus[] = ['ready', 'held', 'sent', 'paid', 'failed', 'settled'];

export function isLineStatus(value: string): value is LineStatus {
  return (LINE_STATUSES as readonly string[]).includes(value);
}

/** What an official may do to a line in each status (the API's transitions). */
export const ACTIONS_BY_STATUS: Readonly<Record<LineStatus, readonly LineActionCode[]>> = {
  ready: ['hold'],
  held: ['release'],
  failed: ['retry', 'hold'],
  sent: [],
  paid: [],
  settled: [],
};

const HOLD_REASONS = ['payee_missing', 'no_account', 'unknown_bank', 'account_invalid', 'official', 'unspecified'];
// The bank's result codes (docs/bank-transfer-file.md).
const FAILURE_CODES = ['1001', '1002', '1003', '1004', '1099'];
const BASES = ['full', 'first_month_half', 'suspended', 'not_held', 'arrears'];
const KINDS = ['regular', 'arrears'];

function known(t: Translate, prefix: string, codes: readonly string[], code: string | null | undefined): string {
  if (!code) return '—';
  return codes.includes(code) ? t(`${prefix}.${code}` as MessageKey) : code;
}

export { programLabel };

export const lineStatusLabel = (t: Translate, status: string) => known(t, 'lineStatus', LINE_STATUSES, status);
export const holdReasonLabel = (t: Translate, reason: string | null | undefined) => known(t, 'holdReason', HOLD_REASONS, reason);
export const basisLabel = (t: Translate, basis: string) => known(t, 'lineBasis', BASES, basis);
export const kindLabel = (t: Translate, kind: string) => known(t, 'lineKind', KINDS, kind);
export const actionLabel = (t: Translate, action: LineActionCode) => t(`lineAction.${action}`);

/** A bank result code in words; the line's own label (from the API) when it has one. */
export function failureLabel(t: Translate, code: string | null | undefined, label?: string | null): string {
  if (!code) return '—';
  if (FAILURE_CODES.includes(code)) return t(`failure.${code}` as MessageKey);
  return label ?? code;
}

/** 금융기관 코드 of 금융결제원's interbank network (the API's domain/payments/banks.py). */
const BANK_NAMES: Readonly<Record<string, string>> = {
  '002': 'KDB산업은행',
  '003': 'IBK기업은행',
  '004': 'KB국민은행',
  '007': 'Sh수협은행',
  '011': 'NH농협은행',
  '012': '지역농·축협',
  '020': '우리은행',
  '023': 'SC제일은행',
  '027': '한국씨티은행',
  '031': 'iM뱅크',
  '032': '부산은행',
  '034': '광주은행',
  '035': '제주은행',
  '037': '전북은행',
  '039': '경남은행',
  '045': '새마을금고',
  '048': '신협',
  '050': '저축은행',
  '064': '산림조합',
  '071': '우체국',
  '081': '하나은행',
  '088': '신한은행',
  '089': '케이뱅크',
  '090': '카카오뱅크',
  '092': '토스뱅크',
};

export function bankName(code: string | null | undefined): string | null {
  if (!code) return null;
  return BANK_NAMES[code] ?? code;
}

/** Why a pay day moved, without the legal day the API's reason starts with ("2027-02-20 토요일" →
 * "토요일"). */
export function payDayCause(reason: string, legalDay: string): string {
  return reason.startsWith(`${legalDay} `) ? reason.slice(legalDay.length + 1) : reason;
}
