import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { LinesSection } from './LinesSection';
import { FAILED_LINE, HELD_LINE, READY_LINE, RUN_ID, RUN_PATH, stubApi, type Sent } from './testFixtures';
import type { LineRead } from './types';

const actions = (sent: Sent[]) => sent.filter((s) => s.method === 'POST' && s.path.startsWith('/api/v1/payments/lines/'));
const lineReads = (sent: Sent[]) => sent.filter((s) => s.path === `${RUN_PATH}/lines`);

/** A run's lines as the API keeps them: an action changes the line, and the next read shows it. */
function serveLines(initial: LineRead[], refuse?: (line: LineRead, action: string) => Response | undefined) {
  const lines = new Map(initial.map((l) => [l.id, l]));
  return stubApi((request) => {
    if (request.path === `${RUN_PATH}/lines`) {
      const status = request.query.get('status');
      const items = [...lines.values()].filter((l) => !status || l.status === status);
      return jsonResponse({ items, total: items.length });
    }
    const match = /^\/api\/v1\/payments\/lines\/(\d+)\/actions$/.exec(request.path);
    if (match && request.method === 'POST') {
      const line = lines.get(Number(match[1]));
      if (!line) return undefined;
      const { action } = request.body as { action: string };
      const refusal = refuse?.(line, action);
      if (refusal) return refusal;
      const changed: LineRead = action === 'hold' ? { ...line, status: 'held', hold_reason: 'official' } : { ...line, status: 'ready', hold_reason: null, failure_code: null, failure_label: null };
      lines.set(line.id, changed);
      return jsonResponse(changed);
    }
    return undefined;
  });
}

describe('LinesSection', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists the lines with amounts in won, status and reason, account and the actions each status allows', async () => {
    const sent = serveLines([READY_LINE, HELD_LINE, FAILED_LINE]);
    renderWithProviders(<LinesSection runId={RUN_ID} mayAct />);
    const table = await screen.findByRole('table', { name: /지급 내역 \(1–3 \/ 전체 3건\)/ });
    const ready = within(table).getByRole('row', { name: /김영수/ });
    expect(ready).toHaveTextContent('150,856원');
    expect(ready).toHaveTextContent('지급 대기');
    expect(ready).toHaveTextContent('하나은행 ****2572압류방지');
    expect(within(ready).getAllByRole('button').map((b) => b.textContent)).toEqual(['보류 김영수']);
    const held = within(table).getByRole('row', { name: /서말순/ });
    expect(held).toHaveTextContent('보류계좌 미등록');
    expect(held).toHaveTextContent('계좌 없음');
    expect(within(held).getAllByRole('button').map((b) => b.textContent)).toEqual(['보류 해제 서말순']);
    const failed = within(table).getByRole('row', { name: /이명희/ });
    expect(failed).toHaveTextContent('이체 실패계좌 정지 (거래중지·지급정지)');
    expect(within(failed).getAllByRole('button').map((b) => b.textContent)).toEqual(['재지급 이명희', '보류 이명희']);
    expect(lineReads(sent)[0]).toMatchObject({ purpose: encodeURIComponent('지급 내역 조회') });
    expect(lineReads(sent)[0]?.query.get('limit')).toBe('50');
  });

  it('asks for the reason, holds the line, says so and reads the lines again', async () => {
    const sent = serveLines([READY_LINE, HELD_LINE]);
    const user = userEvent.setup();
    renderWithProviders(<LinesSection runId={RUN_ID} mayAct />);
    await user.click(await screen.findByRole('button', { name: '보류 김영수' }));
    const form = screen.getByRole('form', { name: '김영수 — 보류' });
    const reason = within(form).getByLabelText('보류 사유');
    expect(reason).toHaveFocus();
    expect(screen.getByRole('button', { name: '보류 김영수' })).toHaveAttribute('aria-expanded', 'true');

    await user.click(within(form).getByRole('button', { name: '보류' }));
    expect(reason).toHaveAccessibleDescription(/사유를 입력하십시오\./);
    expect(actions(sent)).toHaveLength(0);

    await user.type(reason, '  사망 신고 여부 확인 중 ');
    await user.click(within(form).getByRole('button', { name: '보류' }));
    const done = await screen.findByTestId('line-action-done');
    expect(done).toHaveTextContent('김영수 님의 지급을 보류했습니다 (상태: 보류).');
    expect(done).toHaveFocus();
    expect(actions(sent)).toEqual([
      expect.objectContaining({ path: '/api/v1/payments/lines/1/actions', body: { action: 'hold', reason: '사망 신고 여부 확인 중' }, purpose: encodeURIComponent('지급 내역 보류·해제·재지급') }),
    ]);
    const row = await screen.findByRole('row', { name: /김영수.*담당자 보류/ });
    expect(within(row).getByRole('button', { name: '보류 해제 김영수' })).toBeInTheDocument();
    expect(screen.queryByTestId('line-action-form')).not.toBeInTheDocument();
  });

  it('shows the API’s sentence when it refuses (409), and Esc puts the form away with focus back on its button', async () => {
    serveLines([HELD_LINE], (_, action) =>
      action === 'release'
        ? problemResponse({
            type: 'https://ieum.go.kr/problems/conflict',
            title: '현재 상태와 충돌합니다',
            status: 409,
            detail: '수급자 계좌로 보낼 수 없습니다 (계좌 미등록). 계좌를 먼저 바로잡으십시오.',
            errors: [{ field: 'hold_reason', message: 'no_account', code: 'no_account' }],
          })
        : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(<LinesSection runId={RUN_ID} mayAct />);
    const open = await screen.findByRole('button', { name: '보류 해제 서말순' });
    await user.click(open);
    const form = screen.getByRole('form', { name: '서말순 — 보류 해제' });
    await user.type(within(form).getByLabelText('보류 해제 사유'), '계좌 확인 요청');
    await user.click(within(form).getByRole('button', { name: '보류 해제' }));
    const refused = await within(form).findByRole('alert');
    expect(refused).toHaveTextContent('수급자 계좌로 보낼 수 없습니다 (계좌 미등록). 계좌를 먼저 바로잡으십시오.');
    expect(screen.getByTestId('line-44')).toHaveTextContent('보류');

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('line-action-form')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
  });

  it('filters by status and pages through the lines; a duty that may only read gets no actions', async () => {
    const many = Array.from({ length: 50 }, (_, i): LineRead => ({ ...READY_LINE, id: 100 + i, payee_name: `수급자${i}` }));
    const sent = stubApi((request) => {
      if (request.path !== `${RUN_PATH}/lines`) return undefined;
      const offset = Number(request.query.get('offset'));
      return jsonResponse({ items: offset === 0 ? many : [READY_LINE], total: 51 });
    });
    const user = userEvent.setup();
    renderWithProviders(<LinesSection runId={RUN_ID} mayAct={false} />, { route: `/payments/runs/${RUN_ID}` });
    expect(await screen.findByRole('table', { name: /1–50 \/ 전체 51건/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^보류/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '이전 50건' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: '다음 50건' }));
    expect(await screen.findByRole('table', { name: /51–51 \/ 전체 51건/ })).toBeInTheDocument();
    expect(lineReads(sent).at(-1)?.query.get('offset')).toBe('50');

    await user.selectOptions(screen.getByLabelText('상태'), '이체 실패');
    await vi.waitFor(() => expect(lineReads(sent).at(-1)?.query.get('status')).toBe('failed'));
    // A new filter starts at the first page.
    expect(lineReads(sent).at(-1)?.query.get('offset')).toBe('0');
  });
});
