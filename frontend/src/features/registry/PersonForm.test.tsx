import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { PersonForm } from './PersonFormPage';

const SIGUNGU = [
  {
    code: '11110',
    name: '종로구',
    sido_code: '11',
    sido_name: '서울특별시',
    kind: 'gu',
    parent_city_code: null,
    is_population_decline_area: false,
  },
];

/** The API as the form meets it: the 시군구 list, and `answer` for the registration. */
function stubApi(answer: () => Response) {
  const calls: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((request: Request) => {
      calls.push(request);
      if (request.url.endsWith('/api/v1/reference/sigungu')) return Promise.resolve(jsonResponse(SIGUNGU));
      return Promise.resolve(answer());
    }),
  );
  return calls;
}

describe('PersonForm: problem+json field errors', () => {
  it('shows each validation message next to its field and lists them at the top', async () => {
    const calls = stubApi(() =>
      problemResponse({
        type: 'https://ieum.go.kr/problems/validation',
        title: '입력값이 올바르지 않습니다',
        status: 422,
        detail: '요청 본문 또는 매개변수를 확인하십시오.',
        errors: [
          { field: 'name', message: 'String should have at least 1 character', code: 'string_too_short' },
          { field: 'address.address', message: 'Field required', code: 'missing' },
          { field: 'phone', message: "String should match pattern '^0\\d{1,2}-?\\d{3,4}-?\\d{4}$'", code: 'string_pattern_mismatch' },
        ],
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<PersonForm person={null} onSaved={() => undefined} />);
    await user.click(screen.getByRole('button', { name: '등록' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('입력 내용을 확인하십시오');
    expect(screen.getByLabelText('성명')).toHaveAccessibleDescription(/비어 있거나 너무 짧습니다/);
    expect(screen.getByLabelText('성명')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('도로명 주소')).toHaveAccessibleDescription(/입력해야 합니다/);
    expect(screen.getByLabelText('전화번호')).toHaveAccessibleDescription(/형식이 올바르지 않습니다/);
    expect(screen.getByRole('link', { name: '성명: 비어 있거나 너무 짧습니다.' })).toHaveAttribute('href', '#pf-name');

    const sent = calls.find((r) => r.url.endsWith('/api/v1/persons'));
    expect(sent?.method).toBe('POST');
    expect(sent?.headers.get('x-purpose')).toBe(encodeURIComponent('대상자 신규 등록'));
  });

  it('shows a domain error’s sentence at its field', async () => {
    stubApi(() =>
      problemResponse({
        type: 'https://ieum.go.kr/problems/invalid-input',
        title: '입력값이 올바르지 않습니다',
        status: 422,
        detail: '주민등록번호의 생년월일이 실제 날짜가 아닙니다.',
        errors: [{ field: 'rrn', message: 'birth_date', code: 'birth_date' }],
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<PersonForm person={null} onSaved={() => undefined} />);
    await user.type(screen.getByLabelText('주민등록번호'), '9913321234567');
    await user.click(screen.getByRole('button', { name: '등록' }));
    expect(await screen.findByText('주민등록번호의 생년월일이 실제 날짜가 아닙니다.')).toBeInTheDocument();
    expect(screen.getByLabelText('주민등록번호')).toHaveAccessibleDescription(/생년월일이 실제 날짜가 아닙니다/);
  });

  it('says what a conflict means when nothing is wrong with one field', async () => {
    stubApi(() =>
      problemResponse({
        type: 'https://ieum.go.kr/problems/conflict',
        title: '충돌',
        status: 409,
        detail: '이미 등록된 주민등록번호입니다.',
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<PersonForm person={null} onSaved={() => undefined} />);
    await user.click(screen.getByRole('button', { name: '등록' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이미 등록된 주민등록번호입니다.');
  });
});
