import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { dispositionName } from './bankFileQueries';
import { BankFilesPanel } from './BankFilesPanel';
import { BANK_FILE, RUN_ID, RUN_PATH, stubApi, type Answer, type Sent } from './testFixtures';
import type { BankFileRead } from './types';

const FILES_PATH = `${RUN_PATH}/bank-files`;
const FILE_PATH = `/api/v1/payments/bank-files/${BANK_FILE.id}`;
const IMPORTED: BankFileRead = {
  ...BANK_FILE,
  result_imported_at: '2026-12-03T10:31:00Z',
  paid_count: 4,
  paid_amount: 5_000_000,
  failed_count: 1,
  failed_amount: 252_486,
};

const octet = (bytes: Uint8Array<ArrayBuffer>, name: string) =>
  new Response(bytes, {
    status: 200,
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` },
  });

/** What the browser was asked to save: the object URL's blob and the link's file name. */
function watchSaves() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    n += 1;
    blobs.set(`blob:${n}`, blob);
    return `blob:${n}`;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '') ?? new Blob() });
  });
  return saved;
}

function serve(files: BankFileRead[], more: Answer = () => undefined) {
  return stubApi((request, n) => (request.method === 'GET' && request.path === FILES_PATH ? jsonResponse(files) : more(request, n)));
}

const posts = (sent: Sent[], suffix: string) => sent.filter((s) => s.method === 'POST' && s.path.endsWith(suffix));

describe('BankFilesPanel', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('makes the transfer files and says how many lines the 예금주 확인 held or left for later', async () => {
    let files: BankFileRead[] = [];
    const sent = stubApi((request) => {
      if (request.path !== FILES_PATH) return undefined;
      if (request.method === 'GET') return jsonResponse(files);
      files = [BANK_FILE];
      return jsonResponse({ files, held_by_account_check: 2, bank_unavailable: 3 }, 201);
    });
    const user = userEvent.setup();
    renderWithProviders(<BankFilesPanel runId={RUN_ID} mayAct />);
    expect(await screen.findByTestId('bank-files-none')).toHaveTextContent('아직 만든 이체 파일이 없습니다.');
    await user.click(screen.getByRole('button', { name: '이체 파일 만들기 (예금주 확인)' }));
    expect(await screen.findByTestId('bank-export-result')).toHaveTextContent(
      '이체 파일 1개를 만들었습니다 (5건). 예금주 확인 등으로 2건을 보류했습니다. 은행이 응답하지 않아 3건은 지급 대기로 남겼습니다.',
    );
    const row = await screen.findByRole('row', { name: /KB국민은행/ });
    expect(row).toHaveTextContent('TR_11110_004_20270219_419cd507f2fd4b554001.txt');
    expect(row).toHaveTextContent('5,252,486원');
    expect(row).toHaveTextContent('결과 대기');
    expect(posts(sent, '/bank-files')[0]?.purpose).toBe(encodeURIComponent('이체 파일 생성 (예금주 확인)'));
  });

  it('says why nothing was made (409), and offers no export to a duty that may only read', async () => {
    serve([], (request) =>
      request.method === 'POST'
        ? problemResponse({ type: 'https://ieum.go.kr/problems/conflict', title: '현재 상태와 충돌합니다', status: 409, detail: '이체할 지급 내역이 없습니다 (모두 보냈거나 보류됨).' })
        : undefined,
    );
    const user = userEvent.setup();
    const view = renderWithProviders(<BankFilesPanel runId={RUN_ID} mayAct />);
    await user.click(await screen.findByRole('button', { name: '이체 파일 만들기 (예금주 확인)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이체할 지급 내역이 없습니다 (모두 보냈거나 보류됨).');
    view.unmount();

    renderWithProviders(<BankFilesPanel runId={RUN_ID} mayAct={false} />);
    expect(await screen.findByTestId('bank-files-none')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /이체 파일 만들기/ })).not.toBeInTheDocument();
  });

  it('downloads a transfer file with the reason in X-Purpose, under its own name', async () => {
    const saved = watchSaves();
    const content = new Uint8Array([0x48, 0xb0, 0xa1, 0x0d, 0x0a]);
    const sent = serve([BANK_FILE], (request) => (request.path === `${FILE_PATH}/content` ? octet(content, BANK_FILE.file_name) : undefined));
    const user = userEvent.setup();
    renderWithProviders(<BankFilesPanel runId={RUN_ID} mayAct={false} />);
    await user.click(await screen.findByRole('button', { name: '내려받기 KB국민은행 1차' }));
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe(BANK_FILE.file_name);
    expect(new Uint8Array(await (saved[0]?.blob ?? new Blob()).arrayBuffer())).toEqual(content);
    expect(sent.find((s) => s.path.endsWith('/content'))?.purpose).toBe(encodeURIComponent('이체 파일 내려받기 (은행 전송)'));
  });

  it('uploads the result file as it is (octet-stream) and shows what was paid and what failed', async () => {
    const bytes = new Uint8Array([0x48, 0x31, 0xc7, 0xd1, 0x0d, 0x0a]);
    const sent = serve([BANK_FILE], (request) =>
      request.path === `${FILE_PATH}/result` ? jsonResponse({ file: IMPORTED, failures: { '계좌 정지 (거래중지·지급정지)': 1 } }) : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(<BankFilesPanel runId={RUN_ID} mayAct />);
    const form = await screen.findByTestId('bank-result-form');
    expect(within(form).getByLabelText('이체 파일')).toHaveDisplayValue('KB국민은행 1차');

    await user.click(within(form).getByRole('button', { name: '결과 반영' }));
    expect(within(form).getByLabelText('결과 파일')).toHaveAccessibleDescription(/결과 파일을 고르십시오\./);
    expect(posts(sent, '/result')).toHaveLength(0);

    await user.upload(within(form).getByLabelText('결과 파일'), new File([bytes], 'RS_11110_004.txt', { type: 'text/plain' }));
    await user.click(within(form).getByRole('button', { name: '결과 반영' }));
    expect(await screen.findByTestId('bank-result-done')).toHaveTextContent(
      'KB국민은행 1차의 결과를 반영했습니다: 지급 4건 (5,000,000원), 실패 1건.계좌 정지 (거래중지·지급정지): 1건',
    );
    const [upload] = posts(sent, '/result');
    expect(upload?.contentType).toBe('application/octet-stream');
    expect(upload?.bytes).toEqual(bytes);
    expect(upload?.purpose).toBe(encodeURIComponent('은행 처리 결과 반영'));
  });

  it('lists every fault of a refused result file (422), line by line, and a second result’s refusal (409)', async () => {
    let answer = problemResponse({
      type: 'https://ieum.go.kr/problems/invalid-input',
      title: '입력값이 올바르지 않습니다',
      status: 422,
      detail: '결과 파일 전체를 반려했습니다 (오류가 있는 줄 1개, 파일 전체 오류 1건). 한 줄도 반영하지 않았습니다.',
      errors: [
        { field: 'header', message: '첫 줄이 헤더(H) 레코드가 아님', code: '첫 줄이 헤더(H) 레코드가 아님' },
        { field: 'line 2', message: '금액 150,866 ≠ 이체 파일 150,856', code: '금액 150,866 ≠ 이체 파일 150,856' },
      ],
    });
    serve([BANK_FILE], (request) => (request.path === `${FILE_PATH}/result` ? answer : undefined));
    const user = userEvent.setup();
    renderWithProviders(<BankFilesPanel runId={RUN_ID} mayAct />);
    const form = await screen.findByTestId('bank-result-form');
    await user.upload(within(form).getByLabelText('결과 파일'), new File(['garbage\r\n'], 'RS_bad.txt'));
    await user.click(within(form).getByRole('button', { name: '결과 반영' }));
    const refused = await screen.findByTestId('bank-result-refused');
    expect(refused.closest('[role="alert"]')).not.toBeNull();
    expect(refused).toHaveTextContent('결과 파일 전체를 반려했습니다');
    expect(within(refused).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '헤더: 첫 줄이 헤더(H) 레코드가 아님',
      '2번째 줄: 금액 150,866 ≠ 이체 파일 150,856',
    ]);

    answer = problemResponse({
      type: 'https://ieum.go.kr/problems/conflict',
      title: '현재 상태와 충돌합니다',
      status: 409,
      detail: '이 이체 파일의 결과는 이미 반영했습니다. 다른 결과 파일은 받을 수 없습니다.',
      errors: [{ field: 'result_imported_at', message: '2026-12-03T10:31:00+00:00', code: '2026-12-03T10:31:00+00:00' }],
    });
    await user.click(within(form).getByRole('button', { name: '결과 반영' }));
    await vi.waitFor(() => expect(screen.getByTestId('bank-result-refused')).toHaveTextContent('이 이체 파일의 결과는 이미 반영했습니다.'));
    expect(within(screen.getByTestId('bank-result-refused')).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('shows a file’s result once imported, and saves the simulated bank’s result file under its RS_ name', async () => {
    const saved = watchSaves();
    const sent = serve([IMPORTED, { ...BANK_FILE, id: 'f2', bank_code: '081', bank_name: '하나은행' }], (request) =>
      request.path === '/api/v1/payments/bank-files/f2/simulated-result'
        ? octet(new Uint8Array([0x48]), 'RS_11110_081_20270219_x.txt')
        : request.path === `${FILE_PATH}/simulated-result`
          ? problemResponse({ type: 'https://ieum.go.kr/problems/not-found', title: '찾을 수 없습니다', status: 404, detail: '모의 은행을 쓰지 않는 환경입니다.' })
          : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(<BankFilesPanel runId={RUN_ID} mayAct />);
    const kb = await screen.findByRole('row', { name: /KB국민은행/ });
    expect(kb).toHaveTextContent('지급 4건 5,000,000원');
    expect(kb).toHaveTextContent('실패 1건 252,486원');
    const form = screen.getByTestId('bank-result-form');
    // The first file still waiting for its result is the one proposed.
    expect(within(form).getByLabelText('이체 파일')).toHaveDisplayValue('하나은행 1차');
    expect(within(within(form).getByLabelText('이체 파일')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'KB국민은행 1차 — 결과 반영됨',
      '하나은행 1차',
    ]);

    await user.click(within(form).getByRole('button', { name: '모의 은행 결과 파일 받기' }));
    expect(await screen.findByTestId('bank-simulated')).toHaveTextContent('RS_11110_081_20270219_x.txt 파일을 내려받았습니다.');
    expect(saved.map((s) => s.name)).toEqual(['RS_11110_081_20270219_x.txt']);
    expect(posts(sent, '/simulated-result')).toHaveLength(1);

    // Where the bank is a real one, the API says there is no simulator.
    await user.selectOptions(within(form).getByLabelText('이체 파일'), 'KB국민은행 1차 — 결과 반영됨');
    await user.click(within(form).getByRole('button', { name: '모의 은행 결과 파일 받기' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('모의 은행을 쓰지 않는 환경입니다.');
  });
});

describe('dispositionName', () => {
  it('reads the UTF-8 file name, a plain one, or falls back', () => {
    expect(dispositionName("attachment; filename*=UTF-8''RS_11110_%EC%A2%85.txt", 'x')).toBe('RS_11110_종.txt');
    expect(dispositionName('attachment; filename="TR_1.txt"', 'x')).toBe('TR_1.txt');
    expect(dispositionName(null, 'fallback.txt')).toBe('fallback.txt');
  });
});
