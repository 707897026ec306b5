import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { RunView } from './RunPage';
import { REPORT, RUN, RUN_ID, RUN_PATH, running, stubApi, type Sent } from './testFixtures';
import type { RunRead } from './types';

const runReads = (sent: Sent[]) => sent.filter((s) => s.method === 'GET' && s.path === RUN_PATH);
const POLL = 25;

/** Answers GET /runs/{id} with `states` one after the other (the last one for ever after). */
function serveStates(states: RunRead[], extra: (request: Sent) => Response | undefined = () => undefined) {
  let read = 0;
  return stubApi((request) => {
    if (request.method === 'GET' && request.path === RUN_PATH) {
      const state = states[Math.min(read, states.length - 1)];
      read += 1;
      return jsonResponse(state);
    }
    if (request.path === `${RUN_PATH}/report`) return jsonResponse(REPORT);
    if (request.path === `${RUN_PATH}/lines`) return jsonResponse({ items: [], total: 0 });
    if (request.path === `${RUN_PATH}/bank-files`) return jsonResponse([]);
    return extra(request);
  });
}

describe('RunView', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads a running run again until it completes, then stops and shows the report', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const sent = serveStates([running(0, 3), running(2, 3), RUN]);
    renderWithProviders(<RunView runId={RUN_ID} mayAct pollMs={1500} />);

    const bar = await screen.findByRole('progressbar', { name: '생계급여 2027. 2. 지급 회차 처리 진행률' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(bar).toHaveAttribute('aria-valuetext', '청크 0/3 처리 (0%)');
    expect(screen.getByTestId('run-status')).toHaveTextContent('처리 중입니다. 진행률은 자동으로 갱신됩니다.');
    expect(screen.getByText('처리를 마치면 보고서와 지급 내역이 표시됩니다.')).toBeInTheDocument();
    expect(sent.some((s) => s.path.endsWith('/report'))).toBe(false);

    await vi.advanceTimersByTimeAsync(1500);
    await vi.waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '67'));
    expect(bar).toHaveAttribute('aria-valuetext', '청크 2/3 처리 (67%)');

    await vi.advanceTimersByTimeAsync(1500);
    await vi.waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100'));
    expect(screen.getByTestId('run-status')).toHaveTextContent('처리를 마쳤습니다.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('처리 완료');
    expect(await screen.findByTestId('run-report')).toBeInTheDocument();
    expect(screen.getByTestId('run-net')).toHaveTextContent('34,316,420원');
    expect(runReads(sent)).toHaveLength(3);

    // Completed: nothing more to wait for.
    await vi.advanceTimersByTimeAsync(6000);
    expect(runReads(sent)).toHaveLength(3);
    expect(runReads(sent)[0]?.purpose).toBe(encodeURIComponent('지급 회차 조회'));
  });

  it('stops reading a run whose failed chunks left nothing to work, and puts them back on 다시 처리', async () => {
    const errors = ['0: connection reset by peer'];
    const stalled = running(2, 3, 1, errors);
    const sent = serveStates([stalled, stalled], (request) =>
      request.method === 'POST' && request.path === `${RUN_PATH}/retry` ? jsonResponse(running(2, 3)) : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(<RunView runId={RUN_ID} mayAct pollMs={POLL} />);

    const failures = await screen.findByTestId('chunk-failures');
    expect(within(failures).getByRole('heading')).toHaveTextContent('실패한 청크 1개');
    expect(failures).toHaveTextContent('0: connection reset by peer');
    expect(screen.getByTestId('run-status')).toHaveTextContent('실패한 청크가 있어 회차가 멈췄습니다.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('일부 실패');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '청크 2/3 처리, 1개 실패 (67%)');
    await new Promise((resolve) => setTimeout(resolve, POLL * 6));
    expect(runReads(sent)).toHaveLength(1);

    await user.click(within(failures).getByRole('button', { name: '실패한 청크 다시 처리' }));
    await vi.waitFor(() => expect(screen.queryByTestId('chunk-failures')).not.toBeInTheDocument());
    expect(sent.find((s) => s.path.endsWith('/retry'))?.purpose).toBe(encodeURIComponent('지급 회차 실패 청크 재처리'));
    // Chunks waiting again: the screen goes back to reading the run.
    await vi.waitFor(() => expect(runReads(sent).length).toBeGreaterThan(1));
  });

  it('shows a refused retry, and no retry button to a duty that may only read', async () => {
    serveStates([running(0, 1, 1, ['0: boom'])], (request) =>
      request.path.endsWith('/retry')
        ? problemResponse({ type: 'https://ieum.go.kr/problems/not-found', title: '찾을 수 없습니다', status: 404, detail: '다시 처리할 실패 청크가 없습니다.' })
        : undefined,
    );
    const user = userEvent.setup();
    const view = renderWithProviders(<RunView runId={RUN_ID} mayAct pollMs={POLL} />);
    await user.click(await screen.findByRole('button', { name: '실패한 청크 다시 처리' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('다시 처리할 실패 청크가 없습니다.');
    view.unmount();

    renderWithProviders(<RunView runId={RUN_ID} mayAct={false} pollMs={POLL} />);
    expect(await screen.findByTestId('chunk-failures')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '실패한 청크 다시 처리' })).not.toBeInTheDocument();
  });

  it('reports a run that does not balance in words, not only in colour', async () => {
    stubApi((request) =>
      request.path === RUN_PATH
        ? jsonResponse(RUN)
        : request.path.endsWith('/report')
          ? jsonResponse({
              ...REPORT,
              ledger: [
                { account: 'benefit_expense', label: '급여비용', debit: 34_316_420, credit: 0 },
                { account: 'benefits_payable', label: '미지급급여', debit: 0, credit: 34_000_000 },
              ],
              ledger_balanced: false,
              lines_equal_total: false,
              hold_reasons: { no_account: 1, official: 2 },
              failure_reasons: { '1004': 3 },
            })
          : request.path.endsWith('/lines')
            ? jsonResponse({ items: [], total: 0 })
            : request.path.endsWith('/bank-files')
              ? jsonResponse([])
              : undefined,
    );
    renderWithProviders(<RunView runId={RUN_ID} mayAct={false} />);
    expect(await screen.findByTestId('check-ledger')).toHaveTextContent('확인 필요 원장 불균형: 차변 합계 34,316,420원, 대변 합계 34,000,000원');
    expect(screen.getByTestId('check-total')).toHaveTextContent('합계 ≠ 내역 합: 회차 합계 34,316,420원, 지급 내역의 합 34,316,420원');
    const holds = screen.getByRole('table', { name: '보류 사유별 건수' });
    expect(within(holds).getAllByRole('row').map((r) => r.textContent)).toEqual(['사유건수', '계좌 미등록1', '담당자 보류2']);
    expect(screen.getByRole('table', { name: '은행 처리 결과 코드별 이체 실패 건수' })).toHaveTextContent('계좌 정지 (거래중지·지급정지) (1004)3');
    const byStatus = screen.getByRole('table', { name: '상태별 건수와 금액' });
    expect(within(byStatus).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['지급 대기', '보류', '합계']);
    const byEmd = screen.getByRole('table', { name: '읍면동별 건수와 금액' });
    expect(within(byEmd).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['1111010100', '읍면동 미지정', '합계']);
    const ledger = screen.getByRole('table', { name: /계정별로 합한 차변·대변/ });
    expect(within(ledger).getByRole('row', { name: /^합계/ })).toHaveTextContent('합계34,316,420원34,000,000원');
  });
});
