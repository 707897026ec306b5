import { expect, test, type Locator, type Page } from '@playwright/test';
import { checkA11y, signIn, snap } from './support';

// Payments against the real API with the demo data: 종로구's payment officer starts the 생계급여 run
// of February 2027 (the demo seeds about 300 synthetic households in 11110 with entitlements), the
// in-process job runner works it while the screen polls, then the report and the lines: 서말순 has no
// account on file, so her held line cannot be released; a ready line is held and released again;
// then the transfer files, one downloaded, and the simulated bank's result imported.
test.describe.configure({ mode: 'serial' });

const NAV = '주 메뉴';
// 2027-02-20 is a Saturday: the money goes out on Friday the 19th.
const MONTH = '2027-02';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const THIS_YEAR = Number(today.slice(0, 4));

/** The month after this one in Korea, as the start form proposes it. */
function nextMonthInKorea(): string {
  const month = Number(today.slice(5, 7));
  return month === 12 ? `${THIS_YEAR + 1}-01` : `${THIS_YEAR}-${String(month + 1).padStart(2, '0')}`;
}

async function filterLines(page: Page, status: string): Promise<Locator> {
  await page.getByLabel('상태', { exact: true }).selectOption({ label: status });
  const table = page.getByTestId('line-table');
  await expect(table.locator('caption')).toContainText(status);
  // The previous page stays on screen (marked busy) until the new one is read.
  await expect(table).toHaveAttribute('aria-busy', 'false');
  return table;
}

async function act(page: Page, row: Locator, action: string, name: string, reason: string): Promise<void> {
  await row.getByRole('button', { name: `${action} ${name}`, exact: true }).click();
  const form = page.getByTestId('line-action-form');
  await expect(form.getByRole('textbox')).toBeFocused();
  await form.getByRole('textbox').fill(reason);
  await form.getByRole('button', { name: action, exact: true }).click();
}

test('payment officer: a 생계급여 run from start to report, lines held and released, bank files and their result', async ({ page }, testInfo) => {
  await page.goto('/');
  await signIn(page, 'jongno.payment');
  const runUrl = { path: '' };

  await test.step('지급 menu: the runs, the start form with next month proposed', async () => {
    await page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '급여 지급' }).click();
    await expect(page.getByRole('heading', { name: '급여 지급', level: 1 })).toBeVisible();
    await expect(page.getByLabel('지급 월', { exact: true })).toHaveValue(nextMonthInKorea());
    await page.getByRole('button', { name: '회차 시작', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: '입력 내용을 확인하십시오' });
    await expect(summary).toContainText('급여: 급여를 고르십시오.');
    await expect(summary).toBeFocused();
    await expect(page.getByLabel('급여', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await checkA11y(page, testInfo, 'payment-start-errors');
    await snap(page, testInfo, '50-payment-start-errors');
  });

  await test.step('생계급여, February 2027: the pay date moved off Saturday the 20th', async () => {
    await page.getByLabel('급여', { exact: true }).selectOption({ label: '생계급여' });
    await page.getByLabel('지급 월', { exact: true }).fill(MONTH);
    const payDate = page.getByTestId('start-pay-date');
    await expect(payDate).toContainText('2027. 2. 19.');
    await expect(payDate).toContainText('법정 지급일 2027. 2. 20.(토요일)에서 당김');
    await checkA11y(page, testInfo, 'payment-start-form');
    await snap(page, testInfo, '51-payment-start-form');
  });

  await test.step('회차 시작: the run page polls until the run completes', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/payments/runs') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '회차 시작', exact: true }).click(),
    ]);
    expect(response.status()).toBe(202);
    await expect(page).toHaveURL(/\/payments\/runs\/[0-9a-f-]{36}$/);
    runUrl.path = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { name: /생계급여 2027\. 2\. 지급 회차/, level: 1 })).toBeVisible();
    await expect(page.getByText('지급 회차를 시작했습니다.', { exact: false })).toBeVisible();
    const bar = page.getByRole('progressbar', { name: /처리 진행률/ });
    await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
    await snap(page, testInfo, '52-payment-run-started');
    // The in-process job runner works the run in seconds; the screen reads it again meanwhile.
    await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
    await expect(page.getByTestId('run-status')).toHaveText('처리를 마쳤습니다.');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('처리 완료');
    await expect(page.getByTestId('run-pay-date')).toContainText('2027. 2. 19.');
    await expect(page.getByTestId('run-line-count')).toHaveText(/^\d+$/);
  });

  await test.step('the report: ledger balanced, total = lines, by status and 읍면동, holds', async () => {
    const report = page.getByTestId('run-report');
    await expect(report).toBeVisible();
    await expect(page.getByTestId('check-ledger')).toContainText('정상');
    await expect(page.getByTestId('check-ledger')).toContainText('차변 합계 = 대변 합계');
    await expect(page.getByTestId('check-total')).toContainText('합계 = 내역 합');
    await expect(page.getByTestId('report-status').getByRole('row', { name: /지급 대기/ })).toBeVisible();
    await expect(page.getByTestId('report-emd').locator('tfoot')).toContainText('합계');
    await expect(page.getByTestId('report-holds').getByRole('row', { name: /계좌 미등록/ })).toBeVisible();
    await expect(page.getByTestId('report-ledger').getByRole('row', { name: /급여비용/ })).toBeVisible();
    await checkA11y(page, testInfo, 'payment-run-report');
    await snap(page, testInfo, '53-payment-run-report');
  });

  await test.step('서말순, held for want of an account: 보류 해제 refused with the reason', async () => {
    const table = await filterLines(page, '보류');
    await expect(page).toHaveURL(/status=held/);
    const row = table.getByRole('row', { name: /서말순/ });
    await expect(row).toContainText('계좌 미등록');
    await act(page, row, '보류 해제', '서말순', '계좌 확인 요청');
    const refused = page.getByTestId('line-action-refused');
    await expect(refused).toContainText('계좌 미등록');
    await expect(refused).toContainText('계좌를 먼저 바로잡으십시오');
    await checkA11y(page, testInfo, 'payment-line-refused');
    await snap(page, testInfo, '54-payment-line-refused');
    await page.getByTestId('line-action-form').getByRole('button', { name: '취소' }).click();
    await expect(row.getByRole('button', { name: '보류 해제 서말순' })).toBeFocused();
  });

  await test.step('a ready line: 보류 with a reason, then 보류 해제', async () => {
    let table = await filterLines(page, '지급 대기');
    const first = table.locator('tbody tr').first();
    const name = (await first.locator('th').textContent()) ?? '';
    expect(name).not.toBe('');
    await act(page, first, '보류', name, '사망 신고 여부 확인 중');
    await expect(page.getByTestId('line-action-done')).toHaveText(`${name} 님의 지급을 보류했습니다 (상태: 보류).`);
    await expect(page.getByTestId('line-action-done')).toBeFocused();

    table = await filterLines(page, '보류');
    const held = table.getByRole('row', { name: new RegExp(name) });
    await expect(held).toContainText('담당자 보류');
    await checkA11y(page, testInfo, 'payment-line-held');
    await snap(page, testInfo, '55-payment-line-held');
    await expect(page.getByTestId('report-holds').getByRole('row', { name: /담당자 보류/ })).toBeVisible();

    await act(page, held, '보류 해제', name, '확인 결과 생존, 지급 재개');
    await expect(page.getByTestId('line-action-done')).toHaveText(`${name} 님의 보류를 해제했습니다 (상태: 지급 대기).`);
    await expect(table.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
    await expect(page.getByTestId('report-holds').getByRole('row', { name: /담당자 보류/ })).toHaveCount(0);
  });

  await test.step('이체 파일: 예금주 확인, one file per bank, a download', async () => {
    const panel = page.getByTestId('bank-files');
    await expect(page.getByTestId('bank-files-none')).toBeVisible();
    const [exported] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/bank-files') && r.request().method() === 'POST'),
      panel.getByRole('button', { name: '이체 파일 만들기 (예금주 확인)' }).click(),
    ]);
    expect(exported.status()).toBe(201);
    await expect(page.getByTestId('bank-export-result')).toContainText(/이체 파일 \d+개를 만들었습니다/);
    const files = page.getByTestId('bank-file-table');
    await expect(files.locator('tbody tr').first()).toContainText('결과 대기');
    const [download] = await Promise.all([page.waitForEvent('download'), files.locator('tbody tr').first().getByRole('button', { name: /^내려받기/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^TR_11110_\d{3}_\d{8}_[0-9a-f]+\.txt$/);
    // The lines put in a file are no longer waiting.
    await expect(page.getByTestId('report-status').getByRole('row', { name: /이체 의뢰/ })).toBeVisible();
    await checkA11y(page, testInfo, 'payment-bank-files');
    await snap(page, testInfo, '56-payment-bank-files');
  });

  await test.step('the bank’s result: a malformed file refused whole, the simulated bank’s imported', async () => {
    const form = page.getByTestId('bank-result-form');
    const chosen = await form.getByLabel('이체 파일', { exact: true }).locator('option:checked').textContent();
    const upload = form.getByLabel('결과 파일', { exact: true });
    await upload.setInputFiles({ name: 'RS_broken.txt', mimeType: 'text/plain', buffer: Buffer.from('garbage\r\n') });
    await form.getByRole('button', { name: '결과 반영', exact: true }).click();
    const refused = page.getByTestId('bank-result-refused');
    await expect(refused).toContainText('결과 파일 전체를 반려했습니다');
    await expect(refused).toContainText('1번째 줄:');
    await expect(refused).toContainText('헤더:');
    await checkA11y(page, testInfo, 'payment-bank-result-refused');
    await snap(page, testInfo, '57-payment-bank-result-refused');

    const [simulated] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: '모의 은행 결과 파일 받기' }).click()]);
    expect(simulated.suggestedFilename()).toMatch(/^RS_11110_/);
    await upload.setInputFiles(await simulated.path());
    const [imported] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/result') && r.request().method() === 'POST'),
      form.getByRole('button', { name: '결과 반영', exact: true }).click(),
    ]);
    expect(imported.status()).toBe(200);
    expect(imported.request().headers()['content-type']).toBe('application/octet-stream');
    await expect(page.getByTestId('bank-result-done')).toContainText(`${chosen ?? ''}의 결과를 반영했습니다`);
    await expect(page.getByTestId('bank-file-table').getByRole('row', { name: new RegExp(`^${(chosen ?? '').split(' ')[0] ?? ''}`) }).first()).toContainText(/지급 \d+건/);
    await expect(page.getByTestId('report-status').getByRole('row', { name: /지급 완료|이체 실패/ }).first()).toBeVisible();
    await expect(page.getByTestId('check-ledger')).toContainText('정상');
    await expect(page.getByTestId('report-ledger').getByRole('row', { name: /보통예금/ })).toBeVisible();
    await snap(page, testInfo, '58-payment-bank-result');
  });

  await test.step('the runs list: the run completed, and the year’s pay days', async () => {
    await page.getByRole('link', { name: '지급 회차 목록으로' }).click();
    const row = page.getByTestId('run-table').getByRole('row', { name: /생계급여 2027\. 2\./ });
    await expect(row).toContainText('처리 완료');
    await expect(row).toContainText('2027. 2. 19.');
    await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(row.getByRole('link', { name: /생계급여/ })).toHaveAttribute('href', runUrl.path);

    // Starting the same run again opens it rather than making a second one.
    await page.getByLabel('급여', { exact: true }).selectOption({ label: '생계급여' });
    await page.getByLabel('지급 월', { exact: true }).fill(MONTH);
    await expect(page.getByTestId('run-exists')).toContainText('이미 있습니다');

    const calendar = page.getByTestId('pay-day-calendar');
    const toggle = calendar.getByRole('button', { name: '지급일 달력 펼치기' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(calendar.getByRole('button', { name: '지급일 달력 접기' })).toHaveAttribute('aria-expanded', 'true');
    await expect(calendar.locator('caption')).toContainText(`${THIS_YEAR}년 급여별 지급일`);
    await expect(calendar.getByRole('columnheader', { name: '기초연금' })).toBeVisible();
    await checkA11y(page, testInfo, 'payment-runs');
    await snap(page, testInfo, '59-payment-runs');

    await calendar.getByRole('button', { name: `다음 해 (${THIS_YEAR + 1}년)` }).click();
    await expect(calendar.locator('caption')).toContainText(`${THIS_YEAR + 1}년 급여별 지급일`);
  });

  await test.step('the run again, in English', async () => {
    await page.goto(runUrl.path);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Completed');
    await expect(page.getByTestId('check-total')).toContainText('Total = sum of lines');
    await snap(page, testInfo, '60-payment-run-english');
    await page.getByRole('button', { name: '한국어' }).click();
  });
});
