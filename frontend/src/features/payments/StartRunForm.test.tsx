import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { RunsView } from './RunsPage';
import { StartRunForm } from './StartRunForm';
import { PAY_DAYS_2027, RUN, running, RUNS_PATH, stubApi, type Answer } from './testFixtures';
import type { RunRead } from './types';

const payDays: Answer = (request) => (request.path === '/api/v1/payments/pay-days' ? jsonResponse(PAY_DAYS_2027) : undefined);

function renderForm(runs: RunRead[] = []) {
  const user = userEvent.setup();
  const started = vi.fn();
  renderWithProviders(<StartRunForm runs={runs} onStarted={started} today="2026-12-03" />);
  return { user, started };
}

const month = () => screen.getByLabelText('지급 월');
const setMonth = (value: string) => fireEvent.change(month(), { target: { value } });
const starts = (sent: ReturnType<typeof stubApi>) => sent.filter((s) => s.method === 'POST' && s.path === RUNS_PATH);

describe('StartRunForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('proposes next month, lists the monthly programs in Korean and checks the form before sending', async () => {
    const sent = stubApi(payDays);
    const { user } = renderForm();
    expect(month()).toHaveValue('2027-01');
    const program = screen.getByLabelText('급여');
    expect(within(program).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '고르십시오', '생계급여', '주거급여', '기초연금', '장애인연금', '부모급여', '아동수당', '가정양육수당',
    ]);

    setMonth('');
    await user.click(screen.getByRole('button', { name: '회차 시작' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('급여: 급여를 고르십시오.');
    expect(summary).toHaveTextContent('지급 월: 지급 월을 YYYY-MM 형식으로 넣으십시오.');
    expect(summary).toHaveFocus();
    expect(program).toHaveAttribute('aria-invalid', 'true');
    expect(program).toHaveAccessibleDescription('급여를 고르십시오.');
    expect(starts(sent)).toHaveLength(0);

    // Mended, the messages go as the fields change.
    await user.selectOptions(program, '생계급여');
    setMonth('2027-02');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the pay date of the program and month chosen, and why it moved off the legal day', async () => {
    const sent = stubApi(payDays);
    const { user } = renderForm();
    expect(screen.getByText('급여와 지급 월을 고르면 지급일이 표시됩니다.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('급여'), '생계급여');
    expect(await screen.findByTestId('start-pay-date')).toHaveTextContent('2027. 1. 지급일 2027. 1. 20. (법정 지급일)');
    setMonth('2027-02');
    expect(await screen.findByTestId('start-pay-date')).toHaveTextContent('2027. 2. 19. (법정 지급일 2027. 2. 20.(토요일)에서 당김)');
    expect(sent.filter((s) => s.path === '/api/v1/payments/pay-days').map((s) => s.query.get('year'))).toEqual(['2027']);
    setMonth('2024-05');
    expect(screen.getByText('이 해의 지급일 달력은 없습니다 (2025–2100년).')).toBeInTheDocument();
  });

  it('starts the run with the purpose recorded, and tells a new run from one that existed', async () => {
    const sent = stubApi((request, n) => payDays(request, n) ?? (request.path === RUNS_PATH ? jsonResponse(running(0, 1), 202) : undefined));
    const { user, started } = renderForm();
    await user.selectOptions(screen.getByLabelText('급여'), '생계급여');
    setMonth('2027-02');
    await user.click(screen.getByRole('button', { name: '회차 시작' }));
    await vi.waitFor(() => expect(started).toHaveBeenCalledWith(expect.objectContaining({ id: RUN.id, state: 'running' }), false));
    expect(starts(sent)).toEqual([
      expect.objectContaining({ body: { program: 'livelihood', month: '2027-02', chunk_size: 2000 }, purpose: encodeURIComponent('지급 회차 시작') }),
    ]);
  });

  it('says when the run exists already, links it, and opens it when started again', async () => {
    stubApi((request, n) => payDays(request, n) ?? (request.path === RUNS_PATH ? jsonResponse(RUN, 202) : undefined));
    const { user, started } = renderForm([RUN]);
    await user.selectOptions(screen.getByLabelText('급여'), '생계급여');
    setMonth('2027-02');
    const exists = screen.getByTestId('run-exists');
    expect(exists).toHaveTextContent('생계급여 2027. 2. 지급 회차가 이미 있습니다.');
    expect(within(exists).getByRole('link', { name: '기존 회차 열기' })).toHaveAttribute('href', `/payments/runs/${RUN.id}`);
    await user.click(screen.getByRole('button', { name: '회차 시작' }));
    await vi.waitFor(() => expect(started).toHaveBeenCalledWith(RUN, true));
  });

  it('puts a field the API refused (422) next to it, and a refusal of the whole request above the form', async () => {
    let answer: Response = problemResponse({
      type: 'https://ieum.go.kr/problems/validation',
      title: '입력값이 올바르지 않습니다',
      status: 422,
      detail: '요청 본문 또는 매개변수를 확인하십시오.',
      errors: [{ field: 'month', message: "String should match pattern '^\\d{4}-(0[1-9]|1[0-2])$'", code: 'string_pattern_mismatch' }],
    });
    stubApi((request, n) => payDays(request, n) ?? (request.path === RUNS_PATH ? answer : undefined));
    const { user, started } = renderForm();
    await user.selectOptions(screen.getByLabelText('급여'), '생계급여');
    await user.click(screen.getByRole('button', { name: '회차 시작' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('지급 월: 형식이 올바르지 않습니다.');
    expect(month()).toHaveAttribute('aria-invalid', 'true');

    // No pay day in force for the month (422 parameter-unavailable): its sentence, not a field.
    answer = problemResponse({
      type: 'https://ieum.go.kr/problems/parameter-unavailable',
      title: '해당 기준일에 시행 중인 기준이 없습니다',
      status: 422,
      detail: "2019-12-01에 시행 중인 '정기 지급일 (매월, 일)' 값이 없습니다.",
      errors: [{ field: 'as_of', message: 'no value of payments.pay_day in force', code: 'no value of payments.pay_day in force' }],
    });
    await user.click(screen.getByRole('button', { name: '회차 시작' }));
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent("2019-12-01에 시행 중인 '정기 지급일 (매월, 일)' 값이 없습니다."));
    expect(screen.getByRole('alert')).not.toHaveTextContent('as_of');

    // A conflict (409): the API's detail.
    answer = problemResponse({
      type: 'https://ieum.go.kr/problems/conflict',
      title: '현재 상태와 충돌합니다',
      status: 409,
      detail: '이 시군구의 지급 회차를 다른 담당자가 지금 만들고 있습니다.',
    });
    await user.click(screen.getByRole('button', { name: '회차 시작' }));
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('이 시군구의 지급 회차를 다른 담당자가 지금 만들고 있습니다.'));
    expect(started).not.toHaveBeenCalled();
  });
});

describe('RunsView', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists the runs with their progress, and keeps the start form from a duty that may only read', async () => {
    const sent = stubApi((request) => (request.path === RUNS_PATH ? jsonResponse([running(1, 4), RUN]) : undefined));
    renderWithProviders(<RunsView mayStart={false} today="2026-12-03" />);
    const table = await screen.findByTestId('run-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('처리 중');
    expect(within(rows[0] as HTMLElement).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
    expect(rows[1]).toHaveTextContent('처리 완료');
    expect(rows[1]).toHaveTextContent('34,316,420원');
    expect(rows[1]).toHaveTextContent('2027. 2. 19. (당김)');
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: '생계급여 2027. 2.' })).toHaveAttribute('href', `/payments/runs/${RUN.id}`);
    expect(screen.queryByRole('form', { name: '지급 회차 시작' })).not.toBeInTheDocument();
    expect(sent[0]?.purpose).toBe(encodeURIComponent('지급 회차 조회'));
  });

  it('folds the year’s pay days away until asked, then shows each program’s', async () => {
    const sent = stubApi((request) =>
      request.path === RUNS_PATH ? jsonResponse([]) : request.path === '/api/v1/payments/pay-days' ? jsonResponse(PAY_DAYS_2027) : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(<RunsView mayStart today="2027-03-10" />);
    expect(await screen.findByText('아직 시작한 지급 회차가 없습니다.')).toBeInTheDocument();
    expect(screen.getByRole('form', { name: '지급 회차 시작' })).toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: '지급일 달력 펼치기' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(sent.some((s) => s.path === '/api/v1/payments/pay-days' && s.query.get('year') === '2027')).toBe(false);
    await user.click(toggle);
    const table = await screen.findByRole('table', { name: /2027년 급여별 지급일/ });
    const february = within(table).getByRole('row', { name: /^2027\. 2\./ });
    expect(february).toHaveTextContent('2027. 2. 19.법정 2027. 2. 20. 토요일');
    expect(screen.getByRole('button', { name: '지급일 달력 접기' })).toHaveAttribute('aria-expanded', 'true');
  });
});
