import { vi } from 'vitest';
import { jsonResponse } from '../../test/render';
import type { BankFileRead, LineRead, PayDay, RunRead, RunReport } from './types';

// Shapes the API answers, for the tests: 종로구's 생계급여 run of February 2027 as the demo data
// makes it (one chunk, 44 lines, 서말순 held for want of an account).

export const RUN_ID = '419cd507-f2fd-4b55-824c-dcd07d41aa7b';

export const RUN: RunRead = {
  id: RUN_ID,
  program: 'livelihood',
  month: '2027-02',
  sigungu_code: '11110',
  legal_day: '2027-02-20',
  pay_date: '2027-02-19',
  pay_date_reason: '2027-02-20 토요일',
  state: 'completed',
  planned_entitlements: 46,
  progress: { total_chunks: 1, done_chunks: 1, failed_chunks: 0, fraction: 1 },
  line_count: 44,
  total_gross: 34_316_420,
  total_offset: 0,
  total_net: 34_316_420,
  created_by: 'jongno.payment',
  created_at: '2026-12-03T10:18:14.521417Z',
  completed_at: '2026-12-03T10:18:19.557103Z',
  chunk_errors: [],
};

/** The run as it is while its chunks are worked: `done` of `total`. */
export function running(done: number, total: number, failed = 0, errors: string[] = []): RunRead {
  return {
    ...RUN,
    state: 'running',
    progress: { total_chunks: total, done_chunks: done, failed_chunks: failed, fraction: total ? done / total : 1 },
    line_count: null,
    total_gross: null,
    total_offset: null,
    total_net: null,
    completed_at: null,
    chunk_errors: errors,
  };
}

export const REPORT: RunReport = {
  run: RUN,
  rows: [
    { status: 'held', program: 'livelihood', sigungu_code: '11110', emd_code: '1111010100', count: 1, gross: 570_556, offset: 0, net: 570_556 },
    { status: 'ready', program: 'livelihood', sigungu_code: '11110', emd_code: null, count: 43, gross: 33_745_864, offset: 0, net: 33_745_864 },
  ],
  hold_reasons: { no_account: 1 },
  failure_reasons: {},
  ledger: [
    { account: 'benefit_expense', label: '급여비용', debit: 34_316_420, credit: 0 },
    { account: 'benefits_payable', label: '미지급급여', debit: 0, credit: 34_316_420 },
  ],
  ledger_balanced: true,
  lines_equal_total: true,
};

export const READY_LINE: LineRead = {
  id: 1,
  kind: 'regular',
  entitlement_id: '07e87c92-142a-2a16-54e4-553d1e0a6cb2',
  month: '2027-02',
  payee_person_id: '6009d114-511d-66b2-08cb-21ff7126f687',
  payee_name: '김영수',
  emd_code: null,
  basis: 'full',
  gross_amount: 150_856,
  offset_amount: 0,
  net_amount: 150_856,
  status: 'ready',
  hold_reason: null,
  bank_code: '081',
  account_masked: '****2572',
  protected_account: true,
  failure_code: null,
  failure_label: null,
};

export const HELD_LINE: LineRead = {
  ...READY_LINE,
  id: 44,
  entitlement_id: 'ff844902-b860-44fb-8569-b3da15e208ff',
  payee_person_id: 'beeb77e5-8338-41da-ba6e-679852e1d913',
  payee_name: '서말순',
  emd_code: '1111010100',
  gross_amount: 570_556,
  net_amount: 570_556,
  status: 'held',
  hold_reason: 'no_account',
  bank_code: null,
  account_masked: null,
  protected_account: false,
};

export const FAILED_LINE: LineRead = {
  ...READY_LINE,
  id: 7,
  payee_name: '이명희',
  status: 'failed',
  failure_code: '1004',
  failure_label: '계좌 정지 (거래중지·지급정지)',
  protected_account: false,
};

export const PAY_DAYS_2027: PayDay[] = [
  { program: 'livelihood', month: '2027-01', legal_day: '2027-01-20', pay_date: '2027-01-20', reason: null },
  { program: 'livelihood', month: '2027-02', legal_day: '2027-02-20', pay_date: '2027-02-19', reason: '2027-02-20 토요일' },
  { program: 'basic_pension', month: '2027-01', legal_day: '2027-01-25', pay_date: '2027-01-25', reason: null },
];

export const BANK_FILE: BankFileRead = {
  id: '519dc78e-f009-4571-a502-13ecb22fde45',
  run_id: RUN_ID,
  bank_code: '004',
  bank_name: 'KB국민은행',
  sequence: 1,
  file_name: 'TR_11110_004_20270219_419cd507f2fd4b554001.txt',
  line_count: 5,
  total_amount: 5_252_486,
  created_by: 'jongno.payment',
  created_at: '2026-12-03T10:30:10.672752Z',
  result_imported_at: null,
  paid_count: null,
  paid_amount: null,
  failed_count: null,
  failed_amount: null,
};

export interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  bytes: Uint8Array | null;
  contentType: string | null;
  purpose: string | null;
}

export type Answer = (request: Sent, n: number) => Response | undefined;

/** Replaces `fetch` with `answer`; returns every request sent, in order. */
export function stubApi(answer: Answer): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const contentType = request.headers.get('content-type');
      const raw = request.method === 'GET' ? null : new Uint8Array(await request.arrayBuffer());
      const json = raw && raw.length > 0 && contentType?.includes('json') ? (JSON.parse(new TextDecoder().decode(raw)) as unknown) : null;
      const one: Sent = {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        body: json,
        bytes: raw,
        contentType,
        purpose: request.headers.get('x-purpose'),
      };
      sent.push(one);
      return answer(one, sent.length) ?? jsonResponse({ title: 'not stubbed', status: 404 }, 404);
    }),
  );
  return sent;
}

export const RUNS_PATH = '/api/v1/payments/runs';
export const RUN_PATH = `/api/v1/payments/runs/${RUN_ID}`;
