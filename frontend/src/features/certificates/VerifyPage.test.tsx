import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { VerifyPage } from './VerifyPage';

const NUMBER = '2026-11110-00000002';
const CODE = 'CQQD-AMYP-GZEJ-32B8';

const VALID = {
  status: 'valid',
  message: '정상 발급된 증명서입니다. 아래 내용이 증명서와 같은지 확인하십시오.',
  certificate_type: 'basic_livelihood',
  title: '수급자증명서',
  issued_on: '2026-12-03',
  issuer: '서울특별시 종로구 청운동장',
  holder_name: '서*순',
};

function stubApi(answer: (url: URL) => Response) {
  const sent: { url: URL; authorization: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((request: Request) => {
      const url = new URL(request.url);
      sent.push({ url, authorization: request.headers.get('authorization') });
      return Promise.resolve(answer(url));
    }),
  );
  return sent;
}

describe('VerifyPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('checks the pair of a QR link at once, without a token, and shows what matches the paper', async () => {
    const sent = stubApi(() => jsonResponse(VALID));
    renderWithProviders(<VerifyPage />, { route: `/verify?number=${NUMBER}&code=${CODE}` });
    expect(screen.getByLabelText('문서번호')).toHaveValue(NUMBER);
    expect(screen.getByLabelText('문서확인번호')).toHaveValue(CODE);

    const result = await screen.findByTestId('verify-result');
    expect(within(result).getByRole('heading', { name: /정상 발급/ })).toBeVisible();
    expect(result).toHaveTextContent('정상 발급된 증명서입니다.');
    expect(result).toHaveTextContent('수급자증명서');
    expect(result).toHaveTextContent('2026. 12. 3.');
    expect(result).toHaveTextContent('서울특별시 종로구 청운동장');
    expect(result).toHaveTextContent('서*순');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url.pathname).toBe('/api/v1/certificates/verify');
    expect(Object.fromEntries(sent[0]?.url.searchParams ?? [])).toEqual({ number: NUMBER, code: CODE });
    expect(sent[0]?.authorization).toBeNull();
  });

  it('says 취소된 증명서 and 확인되지 않음 in words, not only in colour', async () => {
    stubApi((url) =>
      url.searchParams.get('code') === CODE
        ? jsonResponse({ ...VALID, status: 'revoked', message: '발급 후 효력이 없어진(취소된) 증명서입니다.' })
        : jsonResponse({ status: 'invalid', message: '일치하는 증명서가 없습니다.', certificate_type: null, title: null, issued_on: null, issuer: null, holder_name: null }),
    );
    const user = userEvent.setup();
    renderWithProviders(<VerifyPage />, { route: `/verify?number=${NUMBER}&code=${CODE}` });
    expect(await screen.findByRole('heading', { name: /취소된 증명서/ })).toBeVisible();

    await user.clear(screen.getByLabelText('문서확인번호'));
    await user.type(screen.getByLabelText('문서확인번호'), 'AAAA-AAAA-AAAA-AAAA');
    await user.click(screen.getByRole('button', { name: '확인' }));
    const result = await screen.findByTestId('verify-result');
    expect(await within(result).findByRole('heading', { name: /확인되지 않음/ })).toBeVisible();
    expect(result).toHaveTextContent('일치하는 증명서가 없습니다.');
    expect(result).not.toHaveTextContent('발급기관');
  });

  it('waits for both numbers when the address has only one, and asks for what is missing', async () => {
    const sent = stubApi(() => jsonResponse(VALID));
    const user = userEvent.setup();
    renderWithProviders(<VerifyPage />, { route: `/verify?number=${NUMBER}` });
    await user.click(screen.getByRole('button', { name: '확인' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('문서확인번호: 문서확인번호를 넣으십시오.');
    expect(sent).toHaveLength(0);
  });

  it('puts the API’s 422 next to the field it names', async () => {
    stubApi(() =>
      problemResponse({
        type: 'https://ieum.go.kr/problems/invalid-input',
        title: '입력값이 올바르지 않습니다',
        status: 422,
        detail: '문서확인번호는 16자리여야 합니다 (예: XXXX-XXXX-XXXX-XXXX).',
        errors: [{ field: 'code', message: 'length', code: 'length' }],
      }),
    );
    renderWithProviders(<VerifyPage />, { route: `/verify?number=${NUMBER}&code=XYZ` });
    expect(await screen.findByRole('alert')).toHaveTextContent('문서확인번호: 문서확인번호는 16자리여야 합니다');
    expect(screen.getByLabelText('문서확인번호')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('문서번호')).not.toHaveAttribute('aria-invalid');
  });

  it('says how long to wait after too many checks (429 with Retry-After)', async () => {
    stubApi(
      () =>
        new Response(JSON.stringify({ type: 'https://ieum.go.kr/problems/rate-limited', title: '요청이 너무 많습니다', status: 429, detail: '잠시 후 다시 시도하십시오.' }), {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '54' },
        }),
    );
    renderWithProviders(<VerifyPage />, { route: `/verify?number=${NUMBER}&code=${CODE}` });
    expect(await screen.findByText('확인 요청이 너무 많습니다. 54초 후에 다시 시도하십시오.')).toBeVisible();
    expect(screen.queryByTestId('verify-result')).not.toBeInTheDocument();
  });
});
