import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecisionCreate, DecisionRead } from '../../api/types';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { DecisionForm } from './DecisionForm';
import { APPLICATION_ID, PROPOSAL } from './testFixtures';

const DECISION: DecisionRead = {
  id: 'd0000000-0000-4000-8000-000000000001',
  application_id: APPLICATION_ID,
  program: 'livelihood',
  outcome: 'rejected',
  reason_codes: ['income_over_threshold'],
  reasons: ['소득인정액이 선정기준액을 초과합니다.'],
  note: null,
  monthly_amount: null,
  start_date: null,
  decided_by: 'jongno.decision',
  decided_on: '2026-11-25',
  notice_number: '종로구-2026-결정-000001',
  exclusivity: { verdict: 'allowed', reasons: [] },
  entitlement_ids: [],
};

type Answer = (path: string) => Response | undefined;

function stubApi(answer: Answer) {
  const sent: { path: string; body: DecisionCreate; purpose: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      sent.push({ path, body: JSON.parse(await request.text()) as DecisionCreate, purpose: request.headers.get('x-purpose') });
      return answer(path) ?? jsonResponse({ title: 'not stubbed', status: 404 }, 404);
    }),
  );
  return sent;
}

describe('DecisionForm', () => {
  beforeEach(() => {
    // jsdom has no object URLs; the viewer only needs one to point at.
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('offers the reason codes of the outcome chosen, with their meanings', async () => {
    stubApi(() => undefined);
    const user = userEvent.setup();
    renderWithProviders(<DecisionForm proposal={PROPOSAL} mayDecide onDecided={() => undefined} onReload={() => undefined} />);

    // The investigation found the household eligible: 선정, with its reason ticked.
    expect(screen.getByRole('radio', { name: '선정 (지급)' })).toBeChecked();
    const codes = screen.getByRole('group', { name: '결정 사유' });
    expect(within(codes).getAllByRole('checkbox')).toHaveLength(1);
    expect(within(codes).getByRole('checkbox', { name: /선정기준을 충족합니다/ })).toBeChecked();

    await user.click(screen.getByRole('radio', { name: '부적합 (기각)' }));
    const rejection = within(screen.getByRole('group', { name: '결정 사유' })).getAllByRole('checkbox');
    expect(rejection.map((c) => c.closest('.checkbox')?.textContent)).toEqual([
      '소득인정액이 선정기준액을 초과합니다. (income_over_threshold)',
      '부양의무자 기준을 충족하지 못합니다 (부양능력 있는 부양의무자가 있음). (support_obligor)',
      '같은 목적의 급여를 이미 받고 있어 중복하여 지급할 수 없습니다. (duplicate_benefit)',
      '기타 (결정 내용 참조) (other)',
    ]);
    expect(rejection.every((c) => !(c as HTMLInputElement).checked)).toBe(true);
    // A rejection has no amount or start date.
    expect(screen.queryByLabelText('급여액 (월)')).not.toBeInTheDocument();
  });

  it('asks for a reason before sending a rejection, then sends the codes and the case version', async () => {
    const sent = stubApi((path) => (path === '/api/v1/decisions' ? jsonResponse(DECISION, 201) : undefined));
    const decided = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<DecisionForm proposal={PROPOSAL} mayDecide onDecided={decided} onReload={() => undefined} />);

    await user.click(screen.getByRole('radio', { name: '부적합 (기각)' }));
    await user.click(screen.getByRole('button', { name: '결정' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('결정 사유: 부적합 사유를 하나 이상 고르십시오.');
    expect(sent).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: /기타/ }));
    await user.click(screen.getByRole('button', { name: '결정' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('기타 사유는 내용을 적어야 합니다.');

    await user.click(screen.getByRole('checkbox', { name: /기타/ }));
    await user.click(screen.getByRole('checkbox', { name: /소득인정액이 선정기준액을 초과합니다/ }));
    await user.type(screen.getByLabelText('결정 내용 (통지서 기재)'), '  근로소득 증가 ');
    await user.click(screen.getByRole('button', { name: '결정' }));

    await vi.waitFor(() => expect(decided).toHaveBeenCalledWith(DECISION));
    expect(sent).toEqual([
      {
        path: '/api/v1/decisions',
        purpose: encodeURIComponent('보장 결정'),
        body: {
          application_id: APPLICATION_ID,
          program: 'livelihood',
          outcome: 'rejected',
          reason_codes: ['income_over_threshold'],
          note: '근로소득 증가',
          monthly_amount: null,
          start_date: null,
          case_version: 3,
        },
      },
    ]);
  });

  it('sends an approval with a changed amount and start date only with a note', async () => {
    const sent = stubApi((path) => (path === '/api/v1/decisions' ? jsonResponse({ ...DECISION, outcome: 'approved' }, 201) : undefined));
    const user = userEvent.setup();
    renderWithProviders(<DecisionForm proposal={PROPOSAL} mayDecide onDecided={() => undefined} onReload={() => undefined} />);

    await user.type(screen.getByLabelText('급여액 (월)'), '500000');
    await user.click(screen.getByRole('button', { name: '결정' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('산정액과 다른 급여액에는 사유를 적어야 합니다.');

    await user.type(screen.getByLabelText('결정 내용 (통지서 기재)'), '공제 누락 반영');
    await user.type(screen.getByLabelText('급여 개시일'), '2026-12-01');
    await user.click(screen.getByRole('button', { name: '결정' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toMatchObject({
      outcome: 'approved',
      reason_codes: ['eligible'],
      monthly_amount: 500000,
      start_date: '2026-12-01',
      note: '공제 누락 반영',
      case_version: 3,
    });
  });

  it('shows the notice preview the API made, with a download link', async () => {
    const sent = stubApi((path) =>
      path === '/api/v1/decisions/preview'
        ? new Response(new Blob(['%PDF-1.7'], { type: 'application/pdf' }), { status: 200, headers: { 'Content-Type': 'application/pdf' } })
        : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(<DecisionForm proposal={PROPOSAL} mayDecide onDecided={() => undefined} onReload={() => undefined} />);
    await user.click(screen.getByRole('button', { name: '통지서 미리보기' }));

    const viewer = await screen.findByTestId('notice-preview');
    expect(viewer.querySelector('object')).toHaveAttribute('data', 'blob:preview');
    expect(within(viewer).getAllByRole('link', { name: '결정통지서 미리보기 내려받기' })[0]).toHaveAttribute('download', '결정통지서-미리보기.pdf');
    expect(sent[0]).toMatchObject({ path: '/api/v1/decisions/preview', purpose: encodeURIComponent('결정통지서 미리보기') });
  });

  it('shows a 중복지원 block (409) prominently, with a way to reload', async () => {
    stubApi((path) =>
      path === '/api/v1/decisions'
        ? problemResponse({
            type: 'https://ieum.go.kr/problems/conflict',
            title: '현재 상태와 충돌합니다',
            status: 409,
            detail: '중복지원으로 선정할 수 없습니다: 생계급여을(를) 이미 받고 있습니다.',
            errors: [{ field: 'exclusivity', message: 'blocked', code: 'blocked' }],
          })
        : undefined,
    );
    const reload = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<DecisionForm proposal={PROPOSAL} mayDecide onDecided={() => undefined} onReload={reload} />);
    await user.click(screen.getByRole('button', { name: '결정' }));

    const conflict = await screen.findByTestId('decision-conflict');
    expect(conflict).toHaveAttribute('role', 'alert');
    expect(conflict).toHaveTextContent('중복지원으로 선정할 수 없습니다: 생계급여을(를) 이미 받고 있습니다.');
    await user.click(within(conflict).getByRole('button', { name: '최신 내용 불러오기' }));
    expect(reload).toHaveBeenCalled();
  });

  it('starts at 부적합 for 중복지원 when the check blocks a grant', () => {
    stubApi(() => undefined);
    const blocked = { ...PROPOSAL, exclusivity: { verdict: 'blocked' as const, reasons: ['생계급여을(를) 이미 받고 있습니다.'] } };
    renderWithProviders(<DecisionForm proposal={blocked} mayDecide onDecided={() => undefined} onReload={() => undefined} />);
    expect(screen.getByRole('radio', { name: '부적합 (기각)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /같은 목적의 급여를 이미 받고 있어/ })).toBeChecked();
  });

  it('keeps everything disabled for an official who may not decide', () => {
    stubApi(() => undefined);
    renderWithProviders(<DecisionForm proposal={PROPOSAL} mayDecide={false} onDecided={() => undefined} onReload={() => undefined} />);
    expect(screen.getByRole('button', { name: '결정' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '통지서 미리보기' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: '부적합 (기각)' })).toBeDisabled();
  });
});
