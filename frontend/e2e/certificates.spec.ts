import { expect, test, type Page } from '@playwright/test';
import { checkA11y, signIn, snap } from './support';

// Certificates against the real API with the demo data: at the 청운동 counter, 서말순 (a current
// 생계급여 수급자) gets a 수급자증명서 for 관공서 제출, which the 발급대장 then lists; anyone holding
// the paper checks it on the public verification page without signing in.
test.describe.configure({ mode: 'serial' });

const NAV = '주 메뉴';
// What this run issued; the verification link is the one printed (and QR-encoded) on the PDF.
const issued = { number: '', code: '', link: '' };

async function openPerson(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '대상자 검색' }).click();
  await page.getByLabel('성명', { exact: true }).fill(name);
  await page.getByRole('button', { name: '검색', exact: true }).click();
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name: new RegExp(name), level: 1 })).toBeVisible();
}

test('intake: a 수급자증명서 for 서말순, the 발급대장, its record and a reprint', async ({ page }, testInfo) => {
  await page.goto('/');
  await signIn(page, 'jongno.intake');
  await expect(page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '증명서 발급대장' })).toBeVisible();

  await test.step('from her person page, "증명서 발급"', async () => {
    await openPerson(page, '서말순');
    await expect(page.getByRole('heading', { name: '증명서', exact: true, level: 2 })).toBeVisible();
    await page.getByRole('link', { name: '증명서 발급', exact: true }).click();
    await expect(page.getByRole('heading', { name: /증명서 발급/, level: 1 })).toBeVisible();
    await expect(page.getByText('510627-2******')).toBeVisible();
  });

  await test.step('type and purpose: the items 관공서 제출 prints; no full number for it', async () => {
    await page.getByRole('radio', { name: '수급자증명서', exact: true }).check();
    await page.getByLabel('용도', { exact: true }).selectOption({ label: '관공서 제출' });
    const items = page.getByTestId('printed-items');
    for (const item of ['성명', '주민등록번호(뒷자리 가림)', '주소', '수급 구분', '책정일', '가구원', '용도', '발급기관', '발급일', '문서번호']) {
      await expect(items.getByText(item, { exact: true })).toBeVisible();
    }
    const fullRrn = page.getByRole('checkbox', { name: '주민등록번호 뒷자리 표시' });
    await expect(fullRrn).toBeDisabled();
    await expect(page.getByText(/본인 확인이 필요한 용도\(금융기관 제출\)에만/)).toBeVisible();
    // A period is asked only of a past-receipt certificate.
    await expect(page.getByLabel('시작일', { exact: true })).toHaveCount(0);
    await checkA11y(page, testInfo, 'certificate-form');
    await snap(page, testInfo, '40-certificate-form');
  });

  await test.step('미리보기: the PDF the request would produce, nothing stored', async () => {
    const [preview] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/certificates/preview') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '미리보기', exact: true }).click(),
    ]);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toContain('application/pdf');
    const viewer = page.getByTestId('certificate-preview');
    await expect(viewer.locator('object[type="application/pdf"]')).toBeVisible();
    await expect(viewer.getByRole('link', { name: '증명서 미리보기 내려받기' }).first()).toHaveAttribute('href', /^blob:/);
    await checkA11y(page, testInfo, 'certificate-preview');
    await snap(page, testInfo, '41-certificate-preview');
  });

  await test.step('발급: number, 문서확인번호, the verification link and the PDF as issued', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/certificates') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '발급', exact: true }).click(),
    ]);
    expect(response.status()).toBe(201);
    expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    const result = page.getByTestId('certificate-issued');
    await expect(result.getByText('증명서를 발급했습니다.', { exact: false })).toBeVisible();
    issued.number = (await page.getByTestId('issued-number').textContent()) ?? '';
    issued.code = (await page.getByTestId('issued-code').textContent()) ?? '';
    expect(issued.number).toMatch(/^\d{4}-11110-\d{8}$/);
    expect(issued.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    issued.link = (await page.getByTestId('verification-link').getAttribute('href')) ?? '';
    // scripts/e2e.sh points the printed link at this very server.
    const base = testInfo.project.use.baseURL ?? '';
    expect(issued.link).toBe(`${base}/verify?number=${issued.number}&code=${issued.code}`);
    await expect(page.getByTestId('issued-pdf').locator('object[type="application/pdf"]')).toBeVisible();
    await expect(page.getByTestId('issued-pdf').getByRole('link', { name: `증명서 ${issued.number} 내려받기` }).first()).toHaveAttribute(
      'download',
      `증명서-${issued.number}.pdf`,
    );
    await checkA11y(page, testInfo, 'certificate-issued');
    await snap(page, testInfo, '42-certificate-issued');
  });

  await test.step('발급대장: the certificate listed, filtered by type', async () => {
    await page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '증명서 발급대장' }).click();
    await expect(page.getByRole('heading', { name: '증명서 발급대장', level: 1 })).toBeVisible();
    await page.getByLabel('증명서 종류', { exact: true }).selectOption({ label: '수급자증명서' });
    await expect(page).toHaveURL(/type=basic_livelihood/);
    const row = page.getByTestId('certificate-register').getByRole('row', { name: new RegExp(issued.number) });
    await expect(row).toContainText('서말순');
    await expect(row).toContainText('관공서 제출');
    await expect(row).toContainText('유효');
    await expect(row).toContainText('청운동장');
    await checkA11y(page, testInfo, 'certificate-register');
    await snap(page, testInfo, '43-certificate-register');
    await row.getByRole('link', { name: issued.number }).click();
  });

  await test.step('the record: what it certified, the items printed, and a reprint', async () => {
    await expect(page).toHaveURL(new RegExp(`/certificates/${issued.number}$`));
    await expect(page.getByRole('heading', { name: /증명서/, level: 1 })).toContainText(issued.number);
    await expect(page.getByTestId('certificate-status')).toContainText('유효');
    await expect(page.getByTestId('certificate-lines').getByRole('row', { name: /생계급여/ })).toBeVisible();
    await expect(page.getByTestId('certificate-items')).toContainText('가구원');
    await expect(page.getByText('담당 공무원 발급')).toBeVisible();
    await expect(page.getByTestId('verification-count')).toHaveText('0회 확인됨');
    const [pdf] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/certificates/${issued.number}/pdf`)),
      page.getByRole('button', { name: '재출력', exact: true }).click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['x-certificate-status']).toBe('valid');
    await expect(page.getByTestId('certificate-pdf').locator('object[type="application/pdf"]')).toBeVisible();
    await checkA11y(page, testInfo, 'certificate-detail');
    await snap(page, testInfo, '44-certificate-detail');
  });

  await test.step('her person page lists it, with its reprint', async () => {
    await page.getByRole('link', { name: '서말순' }).click();
    const panel = page.getByTestId('person-certificates');
    await expect(panel.getByRole('row', { name: new RegExp(issued.number) })).toContainText('수급자증명서');
    await panel.getByRole('button', { name: `재출력 ${issued.number}` }).click();
    await expect(page.getByTestId('certificate-pdf').locator('object')).toBeVisible();
    await checkA11y(page, testInfo, 'person-certificates');
    await snap(page, testInfo, '45-person-certificates');
  });

  // 최은정 holds no 기초연금 (whatever the case specs granted her meanwhile): the API refuses and says why.
  await test.step('최은정: not a 기초연금 수급자, said plainly', async () => {
    await openPerson(page, '최은정');
    await page.getByRole('link', { name: '증명서 발급', exact: true }).click();
    await page.getByRole('radio', { name: '기초연금 수급자 확인서', exact: true }).check();
    await expect(page.getByText('이 증명서의 서식명·법적 근거는 아직 확인되지 않았습니다.').first()).toBeVisible();
    await page.getByLabel('용도', { exact: true }).selectOption({ label: '기타' });
    await page.getByRole('button', { name: '발급', exact: true }).click();
    const refusal = page.getByTestId('not-a-beneficiary');
    await expect(refusal).toHaveAttribute('role', 'alert');
    await expect(refusal).toContainText('증명서를 발급할 수 없습니다');
    await expect(refusal).toContainText('기초연금 수급자가 아니므로');
    await expect(page.getByTestId('certificate-issued')).toHaveCount(0);
    await checkA11y(page, testInfo, 'certificate-refused');
    await snap(page, testInfo, '46-certificate-refused');
  });
});

test('public verification: the printed link, without signing in', async ({ browser }, testInfo) => {
  test.skip(issued.link === '', 'needs the certificate issued by the first test');
  // A fresh context: no refresh cookie, nobody signed in.
  const context = await browser.newContext();
  const page = await context.newPage();

  await test.step('the QR link checks at once: 정상 발급, with only what matches the paper', async () => {
    await page.goto(issued.link);
    await expect(page).toHaveURL(/\/verify\?/);
    await expect(page.getByRole('heading', { name: '증명서 진위확인', level: 1 })).toBeVisible();
    await expect(page.getByLabel('문서번호', { exact: true })).toHaveValue(issued.number);
    await expect(page.getByLabel('문서확인번호', { exact: true })).toHaveValue(issued.code);
    const result = page.getByTestId('verify-result');
    await expect(result.getByRole('heading', { name: /정상 발급/ })).toBeVisible();
    await expect(result).toContainText('정상 발급된 증명서입니다');
    await expect(result).toContainText('수급자증명서');
    await expect(result).toContainText('서*순');
    await expect(result).toContainText('청운동장');
    await expect(result).not.toContainText('서말순');
    await expect(page.getByRole('button', { name: '로그아웃' })).toHaveCount(0);
    await checkA11y(page, testInfo, 'verify-valid');
    await snap(page, testInfo, '47-verify-valid');
  });

  await test.step('in English too, for a foreign reader', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Verify a certificate', level: 1 })).toBeVisible();
    await expect(page.getByTestId('verify-result').getByRole('heading', { name: /Validly issued/ })).toBeVisible();
    await expect(page.getByTestId('verify-result')).toContainText('Certificate of basic livelihood recipient');
    await snap(page, testInfo, '47-verify-valid-english');
    await page.getByRole('button', { name: '한국어' }).click();
  });

  await test.step('a wrong code: 확인되지 않음', async () => {
    const last = issued.code.slice(-1) === 'A' ? 'B' : 'A';
    await page.getByLabel('문서확인번호', { exact: true }).fill(`${issued.code.slice(0, -1)}${last}`);
    await page.getByRole('button', { name: '확인', exact: true }).click();
    await expect(page.getByTestId('verify-result').getByRole('heading', { name: /확인되지 않음/ })).toBeVisible();
    await snap(page, testInfo, '48-verify-invalid');
  });

  await test.step('a malformed number: the field says what is wrong', async () => {
    await page.getByLabel('문서번호', { exact: true }).fill('2026-1');
    await page.getByRole('button', { name: '확인', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: '입력 내용을 확인하십시오' });
    await expect(summary).toContainText('문서번호: 문서번호 형식이 올바르지 않습니다');
    await expect(page.getByLabel('문서번호', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await checkA11y(page, testInfo, 'verify-errors');
    await snap(page, testInfo, '49-verify-errors');
  });

  await test.step('too many checks (429): how long to wait', async () => {
    // Answered here rather than by exhausting the server's real limit, which other checks share.
    await page.route('**/api/v1/certificates/verify?*', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' },
        body: JSON.stringify({ type: 'https://ieum.go.kr/problems/rate-limited', title: '요청이 너무 많습니다', status: 429, detail: '잠시 후 다시 시도하십시오.' }),
      }),
    );
    await page.getByLabel('문서번호', { exact: true }).fill(issued.number);
    await page.getByRole('button', { name: '확인', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: '42초 후에 다시 시도하십시오' })).toBeVisible();
    await page.unroute('**/api/v1/certificates/verify?*');
  });
  await context.close();
});

test('a signed-in official sees the same page, and the record counts the check', async ({ page }, testInfo) => {
  test.skip(issued.link === '', 'needs the certificate issued by the first test');
  await page.goto('/');
  await signIn(page, 'jongno.intake');
  await page.goto(issued.link);
  await expect(page).toHaveURL(/\/verify\?/);
  await expect(page.getByTestId('verify-result').getByRole('heading', { name: /정상 발급/ })).toBeVisible();
  await page.getByRole('link', { name: '업무 화면으로' }).click();
  await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
  await page.goto(`/certificates/${issued.number}`);
  // The anonymous check and this one.
  await expect(page.getByTestId('verification-count')).toHaveText('2회 확인됨');
  await checkA11y(page, testInfo, 'certificate-verified-count');
});
