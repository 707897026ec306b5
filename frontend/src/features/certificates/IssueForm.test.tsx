import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { IssueForm } from './IssueForm';
import { CATALOGUE, ISSUED, SEO_ID } from './testFixtures';

interface Sent {
  method: string;
  path: string;
  body: unknown;
  key: string | null;
  purpose: string | null;
}

type Answer = (request: Sent, n: number) => Response | undefined;

const pdf = () => new Response(new Blob(['%PDF-1.7'], { type: 'application/pdf' }), { status: 200, headers: { 'Content-Type': 'application/pdf' } });

function stubApi(answer: Answer) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const text = await request.text();
      const one: Sent = {
        method: request.method,
        path: new URL(request.url).pathname,
        body: text ? (JSON.parse(text) as unknown) : null,
        key: request.headers.get('idempotency-key'),
        purpose: request.headers.get('x-purpose'),
      };
      sent.push(one);
      return answer(one, sent.length) ?? jsonResponse({ title: 'not stubbed', status: 404 }, 404);
    }),
  );
  return sent;
}

const issues = (sent: Sent[]) => sent.filter((s) => s.method === 'POST' && s.path === '/api/v1/certificates');

function renderForm() {
  const user = userEvent.setup();
  renderWithProviders(<IssueForm personId={SEO_ID} catalogue={CATALOGUE} />);
  return user;
}

describe('IssueForm', () => {
  beforeEach(() => {
    // jsdom has no object URLs; the viewer only needs one to point at.
    URL.createObjectURL = vi.fn(() => 'blob:certificate');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the items the purpose prints, and allows the full number only for a bank', async () => {
    stubApi(() => undefined);
    const user = renderForm();
    const fullRrn = screen.getByRole('checkbox', { name: '주민등록번호 뒷자리 표시' });
    expect(fullRrn).toBeDisabled();
    expect(fullRrn).toHaveAccessibleDescription('증명서 종류와 용도를 고른 뒤 정할 수 있습니다.');

    await user.click(screen.getByRole('radio', { name: '수급자증명서' }));
    await user.selectOptions(screen.getByLabelText('용도'), '관공서 제출');
    expect(within(screen.getByTestId('printed-items')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '성명', '주민등록번호(뒷자리 가림)', '주소', '수급 구분', '책정일', '가구원', '용도', '발급기관', '발급일', '문서번호',
    ]);
    expect(fullRrn).toBeDisabled();
    expect(fullRrn).toHaveAccessibleDescription('주민등록번호 전체는 본인 확인이 필요한 용도(금융기관 제출)에만 표시할 수 있습니다.');

    await user.selectOptions(screen.getByLabelText('용도'), '금융기관 제출');
    expect(fullRrn).toBeEnabled();
    await user.click(fullRrn);
    expect(screen.getByTestId('printed-items')).toHaveTextContent('주민등록번호');
    expect(within(screen.getByTestId('printed-items')).queryByText('주민등록번호(뒷자리 가림)')).not.toBeInTheDocument();

    // A form without the field: unticked and disabled again, with the reason.
    await user.click(screen.getByRole('radio', { name: '기초연금 수급자 확인서' }));
    expect(fullRrn).not.toBeChecked();
    expect(fullRrn).toHaveAccessibleDescription('이 증명서 서식에는 주민등록번호 전체를 적는 칸이 없어 뒷자리를 가려 출력합니다.');

    // A purpose that prints no number at all says so rather than blaming the form.
    await user.selectOptions(screen.getByLabelText('용도'), '기타');
    expect(fullRrn).toHaveAccessibleDescription('이 용도에는 주민등록번호를 출력하지 않습니다.');
  });

  it('notes a type whose legal basis is not confirmed, and asks a past-receipt type for its period', async () => {
    stubApi(() => undefined);
    const user = renderForm();
    expect(screen.getByRole('radio', { name: '수급자증명서' })).not.toHaveAccessibleDescription(/확인되지 않았습니다/);
    expect(screen.getByRole('radio', { name: '기초연금 수급자 확인서' })).toHaveAccessibleDescription(/서식명·법적 근거는 아직 확인되지 않았습니다/);
    expect(screen.queryByLabelText('시작일')).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: '급여 수급 사실 확인서' }));
    await user.selectOptions(screen.getByLabelText('용도'), '기타');
    await user.click(screen.getByRole('button', { name: '발급' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('시작일: 기간의 시작일을 넣으십시오.');
    expect(summary).toHaveTextContent('종료일: 기간의 종료일을 넣으십시오.');
  });

  it('issues with one Idempotency-Key per request: the same on a retry, a new one once the form changes', async () => {
    const sent = stubApi((request, n) => {
      if (request.path === '/api/v1/certificates') {
        // The first two attempts fail (server error), the third is answered.
        return n <= 2 ? problemResponse({ type: 'about:blank', title: '서버 오류', status: 500, correlation_id: 'c-1' }) : jsonResponse(ISSUED, 201);
      }
      return request.path.endsWith('/pdf') ? pdf() : undefined;
    });
    const user = renderForm();
    await user.click(screen.getByRole('radio', { name: '수급자증명서' }));
    await user.selectOptions(screen.getByLabelText('용도'), '학교 제출');
    await user.click(screen.getByRole('button', { name: '발급' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('상관 ID c-1');
    await user.click(screen.getByRole('button', { name: '발급' }));
    await vi.waitFor(() => expect(issues(sent)).toHaveLength(2));
    await user.selectOptions(screen.getByLabelText('용도'), '관공서 제출');
    await user.click(screen.getByRole('button', { name: '발급' }));
    await screen.findByTestId('certificate-issued');

    const [first, retry, changed] = issues(sent);
    expect(first?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(retry?.key).toBe(first?.key);
    expect(changed?.key).not.toBe(first?.key);
    expect(changed).toMatchObject({
      purpose: encodeURIComponent('증명서 발급'),
      body: { person_id: SEO_ID, certificate_type: 'basic_livelihood', purpose: 'public_office', full_rrn: false, period: null },
    });
  });

  it('shows the number, the 문서확인번호, the verification link and the PDF once issued; the next one gets a new key', async () => {
    const sent = stubApi((request) =>
      request.path === '/api/v1/certificates' ? jsonResponse(ISSUED, 201) : request.path.endsWith('/pdf') ? pdf() : undefined,
    );
    const user = renderForm();
    await user.click(screen.getByRole('radio', { name: '수급자증명서' }));
    await user.selectOptions(screen.getByLabelText('용도'), '관공서 제출');
    await user.click(screen.getByRole('button', { name: '발급' }));

    const result = await screen.findByTestId('certificate-issued');
    expect(within(result).getByTestId('issued-number')).toHaveTextContent('2026-11110-00000002');
    expect(within(result).getByTestId('issued-code')).toHaveTextContent('CQQD-AMYP-GZEJ-32B8');
    expect(within(result).getByRole('link', { name: /진위확인 페이지에서 확인/ })).toHaveAttribute('href', ISSUED.verification_url);
    const viewer = await within(result).findByTestId('issued-pdf');
    expect(viewer.querySelector('object')).toHaveAttribute('data', 'blob:certificate');
    expect(sent.find((s) => s.path.endsWith('/pdf'))).toMatchObject({
      path: '/api/v1/certificates/2026-11110-00000002/pdf',
      purpose: encodeURIComponent('증명서 발급 (발급본 출력)'),
    });
    // The form is put away, so a second click cannot issue a second certificate by mistake.
    expect(screen.queryByRole('button', { name: '발급' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '다른 증명서 발급' }));
    await user.click(screen.getByRole('radio', { name: '수급자증명서' }));
    await user.selectOptions(screen.getByLabelText('용도'), '관공서 제출');
    await user.click(screen.getByRole('button', { name: '발급' }));
    await vi.waitFor(() => expect(issues(sent)).toHaveLength(2));
    const [one, two] = issues(sent);
    expect(two?.body).toEqual(one?.body);
    expect(two?.key).not.toBe(one?.key);
  });

  it('says plainly why a person who holds nothing the type certifies gets none (409)', async () => {
    stubApi((request) =>
      request.path === '/api/v1/certificates'
        ? problemResponse({
            type: 'https://ieum.go.kr/problems/not-a-beneficiary',
            title: '증명서를 발급할 수 없습니다',
            status: 409,
            detail: '2026-12-03 현재 기초연금 수급자가 아니므로 기초연금 수급자 확인서을(를) 발급할 수 없습니다.',
          })
        : undefined,
    );
    const user = renderForm();
    await user.click(screen.getByRole('radio', { name: '기초연금 수급자 확인서' }));
    await user.selectOptions(screen.getByLabelText('용도'), '기타');
    await user.click(screen.getByRole('button', { name: '발급' }));
    const refusal = await screen.findByTestId('not-a-beneficiary');
    expect(refusal).toHaveAttribute('role', 'alert');
    expect(refusal).toHaveTextContent('증명서를 발급할 수 없습니다');
    expect(refusal).toHaveTextContent('기초연금 수급자가 아니므로');
    expect(screen.queryByTestId('certificate-issued')).not.toBeInTheDocument();
  });

  it('shows a field the API refused next to it, with the sentence it gave', async () => {
    stubApi((request) =>
      request.path === '/api/v1/certificates'
        ? problemResponse({
            type: 'https://ieum.go.kr/problems/invalid-input',
            title: '입력값이 올바르지 않습니다',
            status: 422,
            detail: '이 기간에는 수급 사실이 없습니다.',
            errors: [{ field: 'period', message: 'no_receipt', code: 'no_receipt' }],
          })
        : undefined,
    );
    const user = renderForm();
    await user.click(screen.getByRole('radio', { name: '급여 수급 사실 확인서' }));
    await user.selectOptions(screen.getByLabelText('용도'), '기타');
    await user.type(screen.getByLabelText('시작일'), '2020-01-01');
    await user.type(screen.getByLabelText('종료일'), '2020-06-30');
    await user.click(screen.getByRole('button', { name: '발급' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('수급 기간: 이 기간에는 수급 사실이 없습니다.');
    expect(screen.getByRole('group', { name: /수급 기간/ })).toHaveAccessibleDescription('이 기간에는 수급 사실이 없습니다.');
  });

  it('previews the certificate in the page without issuing it', async () => {
    const sent = stubApi((request) => (request.path === '/api/v1/certificates/preview' ? pdf() : undefined));
    const user = renderForm();
    await user.click(screen.getByRole('radio', { name: '수급자증명서' }));
    await user.selectOptions(screen.getByLabelText('용도'), '관공서 제출');
    await user.click(screen.getByRole('button', { name: '미리보기' }));
    const viewer = await screen.findByTestId('certificate-preview');
    expect(within(viewer).getAllByRole('link', { name: '증명서 미리보기 내려받기' })[0]).toHaveAttribute('download', '증명서-미리보기.pdf');
    expect(sent).toEqual([expect.objectContaining({ path: '/api/v1/certificates/preview', key: null, purpose: encodeURIComponent('증명서 미리보기') })]);

    // What was previewed is put away once the form changes.
    await user.selectOptions(screen.getByLabelText('용도'), '학교 제출');
    expect(screen.queryByTestId('certificate-preview')).not.toBeInTheDocument();
  });
});
