import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EvidenceCreate, EvidenceRead } from '../../api/types';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { EvidenceForm } from './EvidenceForm';
import { INVESTIGATION, INVESTIGATION_ID, PERSON_ID } from './testFixtures';

function stubApi(answer: () => Response = () => jsonResponse({ ...INVESTIGATION, version: 6 }, 201)) {
  const sent: { url: string; body: EvidenceCreate; purpose: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      sent.push({
        url: new URL(request.url).pathname,
        body: JSON.parse(await request.text()) as EvidenceCreate,
        purpose: request.headers.get('x-purpose'),
      });
      return answer();
    }),
  );
  return sent;
}

function renderForm(correction: EvidenceRead | null = null, onAdded = vi.fn()) {
  renderWithProviders(
    <EvidenceForm
      investigation={INVESTIGATION}
      correction={correction}
      onCancelCorrection={() => undefined}
      onAdded={onAdded}
      onReload={() => undefined}
    />,
  );
  return onAdded;
}

describe('EvidenceForm: an income record', () => {
  it('shows the fields of the kind chosen', async () => {
    stubApi();
    const user = userEvent.setup();
    renderForm();
    expect(screen.getByRole('group', { name: '소득 내용' })).toBeInTheDocument();
    expect(screen.getByLabelText('귀속월')).toHaveAttribute('type', 'month');
    expect(screen.getByLabelText('지급처')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('자료 종류'), 'vehicle');
    expect(screen.getByRole('group', { name: '자동차 내용' })).toBeInTheDocument();
    expect(screen.queryByLabelText('지급처')).not.toBeInTheDocument();
    expect(screen.getByLabelText('배기량 (cc)')).toBeInTheDocument();
  });

  it('asks for the required fields and the reason before sending', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: '자료 추가' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('귀속월: 입력해야 합니다.');
    expect(summary).toHaveTextContent('금액 (월): 입력해야 합니다.');
    expect(summary).toHaveTextContent('입력 사유: 사유를 입력하십시오.');
    expect(screen.getByLabelText('지급처')).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toHaveLength(0);
  });

  it('sends the record with the month on its 1st, the amount as a number, the reason and the version', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    const onAdded = renderForm();
    fireEvent.change(screen.getByLabelText('귀속월'), { target: { value: '2026-10' } });
    await user.selectOptions(screen.getByLabelText('소득 종류'), 'business');
    await user.type(screen.getByLabelText('금액 (월)'), '1,250,000');
    await user.type(screen.getByLabelText('지급처'), ' 새솔유통 ');
    await user.type(screen.getByLabelText('입력 사유'), '사업소득 신고서 확인');
    await user.click(screen.getByRole('button', { name: '자료 추가' }));

    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        url: `/api/v1/investigations/${INVESTIGATION_ID}/evidence`,
        purpose: encodeURIComponent('통합조사 자료 입력·정정'),
        body: {
          person_id: PERSON_ID,
          kind: 'income',
          record: { month: '2026-10-01', income_type: 'business', amount: 1250000, payer: '새솔유통' },
          reason: '사업소득 신고서 확인',
          replaces_id: null,
          version: 5,
        },
      },
    ]);
  });

  it('corrects a record: prefilled from it, person and kind fixed, and it is replaced', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    const linked = INVESTIGATION.evidence[0] as EvidenceRead;
    renderForm(linked);
    expect(screen.getByText('바로잡을 자료:')).toBeInTheDocument();
    expect(screen.getByLabelText('귀속월')).toHaveValue('2026-10');
    expect(screen.getByLabelText('지급처')).toHaveValue('새솔유통');
    expect(screen.getByLabelText('자료 종류')).toBeDisabled();
    expect(screen.getByLabelText('대상자')).toBeDisabled();

    const amount = screen.getByLabelText('금액 (월)');
    await user.clear(amount);
    await user.type(amount, '320000');
    await user.type(screen.getByLabelText('입력 사유'), '10월 급여명세서 확인');
    await user.click(screen.getByRole('button', { name: '바로잡은 자료 저장' }));

    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toMatchObject({
      kind: 'income',
      record: { month: '2026-10-01', income_type: 'earned', amount: 320000, payer: '새솔유통' },
      replaces_id: linked.id,
      version: 5,
    });
  });

  it('shows the API’s message about a record field at that field', async () => {
    stubApi(() =>
      problemResponse({
        type: 'https://ieum.go.kr/problems/invalid-input',
        title: '입력값이 올바르지 않습니다',
        status: 422,
        detail: '필수 항목이 없습니다: payer',
        errors: [{ field: 'payer', message: 'required', code: 'required' }],
      }),
    );
    const user = userEvent.setup();
    renderForm(INVESTIGATION.evidence[0]);
    await user.type(screen.getByLabelText('입력 사유'), '확인');
    await user.click(screen.getByRole('button', { name: '바로잡은 자료 저장' }));
    await vi.waitFor(() => expect(screen.getByLabelText('지급처')).toHaveAccessibleDescription(/필수 항목이 없습니다: payer/));
  });

  it('tells the official to reload when someone changed the investigation first (409)', async () => {
    stubApi(() =>
      problemResponse({
        type: 'https://ieum.go.kr/problems/conflict',
        title: '현재 상태와 충돌합니다',
        status: 409,
        detail: '다른 사용자가 먼저 변경했습니다. 새로 불러온 뒤 다시 시도하십시오.',
        errors: [{ field: 'version', message: 'stale', code: 'stale' }],
      }),
    );
    const user = userEvent.setup();
    renderForm(INVESTIGATION.evidence[0]);
    await user.type(screen.getByLabelText('입력 사유'), '확인');
    await user.click(screen.getByRole('button', { name: '바로잡은 자료 저장' }));
    expect(await screen.findByRole('button', { name: '최신 내용 불러오기' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('다른 사용자가 먼저 변경했습니다');
    // The version is bookkeeping, not a field to fix: no error list about it.
    expect(screen.queryByText(/version/)).not.toBeInTheDocument();
  });
});
