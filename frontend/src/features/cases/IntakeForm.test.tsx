import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApplicationCreate, PersonSummary } from '../../api/types';
import { todayInKorea } from '../../shared/format';
import { jsonResponse, problemResponse, renderWithProviders } from '../../test/render';
import { IntakeForm } from './IntakeForm';
import { APPLICATION_ID, HOUSEHOLD, HOUSEHOLD_ID, PERSON, PERSON_ID, SPOUSE_ID } from './testFixtures';

const APPLICANT: PersonSummary = {
  id: PERSON_ID,
  name: '최은정',
  rrn_masked: '760115-2******',
  birth_date: '1976-01-15',
  sex: 'F',
  sigungu_code: '11110',
  emd_name: '청운동',
};

/** The API as the form meets it: the applicant, her household, and `answer` for the application. */
function stubApi(answer: () => Response = () => jsonResponse({ id: APPLICATION_ID }, 201)) {
  const sent: { request: Request; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === `/api/v1/persons/${PERSON_ID}`) return jsonResponse(PERSON);
      if (url.pathname === `/api/v1/households/${HOUSEHOLD_ID}`) return jsonResponse(HOUSEHOLD);
      if (url.pathname === '/api/v1/applications' && request.method === 'POST') {
        sent.push({ request, body: JSON.parse(await request.text()) as unknown });
        return answer();
      }
      return jsonResponse({ title: 'not stubbed', status: 404 }, 404);
    }),
  );
  return sent;
}

async function renderForm() {
  renderWithProviders(<IntakeForm initialApplicant={APPLICANT} />);
  // The household and its members appear once read.
  await screen.findByRole('table', { name: /가구원 2명/ });
}

describe('IntakeForm', () => {
  it('shows the household members, each with a consent row', async () => {
    stubApi();
    await renderForm();
    const table = screen.getByRole('table', { name: /가구원 2명/ });
    expect(within(table).getByRole('row', { name: /최은정/ })).toHaveTextContent('세대주');
    expect(within(table).getByRole('row', { name: /한도윤/ })).toHaveTextContent('배우자');
    expect(screen.getByLabelText('최은정 금융정보 제공 동의서 받음')).not.toBeChecked();
    // The form number is asked for only once the consent is ticked.
    expect(screen.getByLabelText('최은정 동의서 번호')).toBeDisabled();
  });

  it('says what is missing before sending anything', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    await renderForm();
    await user.click(screen.getByRole('radio', { name: '직권 신청' }));
    await user.click(screen.getByLabelText('최은정 금융정보 제공 동의서 받음'));
    await user.click(screen.getByRole('button', { name: '신청 접수' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('입력 내용을 확인하십시오');
    expect(within(summary).getByRole('link', { name: '신청 급여: 신청할 급여를 하나 이상 고르십시오.' })).toHaveAttribute(
      'href',
      '#intake-programs',
    );
    expect(summary).toHaveTextContent('수집 목적·보유기간을 안내했는지 확인하십시오.');
    expect(summary).toHaveTextContent('직권신청에 대한 본인 동의를 확인하십시오.');
    expect(screen.getByLabelText('최은정 동의서 번호')).toHaveAccessibleDescription(/동의서 번호를 입력하십시오/);
    expect(screen.getByLabelText(/안내문\(2026-01판\)을 안내했습니다/)).toHaveAccessibleDescription(
      /수집 목적·보유기간을 안내했는지 확인하십시오/,
    );
    expect(sent).toHaveLength(0);
  });

  it('sends the programs in the form’s order, the notice and the consents given', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    await renderForm();
    await user.click(screen.getByRole('checkbox', { name: '주거급여' }));
    await user.click(screen.getByRole('checkbox', { name: '생계급여' }));
    await user.click(screen.getByLabelText('최은정 금융정보 제공 동의서 받음'));
    await user.type(screen.getByLabelText('최은정 동의서 번호'), ' 동의-2026-0001 ');
    await user.click(screen.getByLabelText(/안내문\(2026-01판\)을 안내했습니다/));
    await user.click(screen.getByRole('button', { name: '신청 접수' }));

    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const today = todayInKorea();
    const body = sent[0]?.body as ApplicationCreate;
    expect(body).toEqual({
      applicant_person_id: PERSON_ID,
      household_id: HOUSEHOLD_ID,
      programs: ['livelihood', 'housing'],
      channel: 'visit',
      applied_on: today,
      ex_officio_consent: false,
      privacy_notice: { version: '2026-01', given_on: today },
      financial_consents: [{ person_id: PERSON_ID, role: 'applicant', given_on: today, document_id: '동의-2026-0001' }],
    });
    expect(sent[0]?.request.headers.get('x-purpose')).toBe(encodeURIComponent('급여 신청 접수'));
  });

  it('places the API’s message about a consent on that member’s row', async () => {
    stubApi(() =>
      problemResponse({
        type: 'https://ieum.go.kr/problems/invalid-input',
        title: '입력값이 올바르지 않습니다',
        status: 422,
        detail: '동의한 사람이 member(으)로 확인되지 않습니다.',
        errors: [{ field: 'financial_consents.1.person_id', message: 'member', code: 'member' }],
      }),
    );
    const user = userEvent.setup();
    await renderForm();
    await user.click(screen.getByRole('checkbox', { name: '생계급여' }));
    await user.click(screen.getByLabelText('최은정 금융정보 제공 동의서 받음'));
    await user.type(screen.getByLabelText('최은정 동의서 번호'), 'A-1');
    await user.click(screen.getByLabelText('한도윤 금융정보 제공 동의서 받음'));
    await user.type(screen.getByLabelText('한도윤 동의서 번호'), 'A-2');
    await user.click(screen.getByLabelText(/안내문\(2026-01판\)을 안내했습니다/));
    await user.click(screen.getByRole('button', { name: '신청 접수' }));

    // The second consent sent is the spouse's: the message lands on her row, not the applicant's.
    const spouse = await screen.findByLabelText('한도윤 금융정보 제공 동의서 받음');
    await vi.waitFor(() => expect(spouse).toHaveAccessibleDescription(/확인되지 않습니다/));
    expect(screen.getByLabelText('최은정 금융정보 제공 동의서 받음')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('link', { name: /한도윤 금융정보 제공 동의서 받음: 동의한 사람이/ })).toHaveAttribute(
      'href',
      `#intake-consent-${SPOUSE_ID}`,
    );
  });
});
