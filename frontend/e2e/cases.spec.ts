import { expect, test, type Page } from '@playwright/test';
import { checkA11y, signIn, snap } from './support';

// One application from the 읍면동 counter to the 결정통지서, by three officials, against the real API
// with the demo data: 최은정 (청운동, alone in her household; linked data: 근로소득 300,000원 a month
// from 새솔유통, 임차보증금 5,000,000원) applies for 생계급여 and 주거급여.
test.describe.configure({ mode: 'serial' });

const NAV = '주 메뉴';
// The application this run creates (the newest of 최은정's, whatever earlier runs left behind).
let applicationUrl = '';

/** A date in Korea `days` before today, as a date input takes it. */
function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() - days * 86_400_000));
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '로그아웃' }).click();
  await expect(page.getByText('로그아웃되었습니다.')).toBeVisible();
}

test('intake: 최은정 applies for 생계급여 and 주거급여 at the 청운동 counter', async ({ page }, testInfo) => {
  await page.goto('/');
  await signIn(page, 'jongno.intake');

  await test.step('dashboard: the intake queue and the overdue count', async () => {
    await expect(page.getByTestId('queue-intake').getByRole('heading', { name: /최근 접수/, level: 3 })).toBeVisible();
    await expect(page.getByTestId('queue-overdue')).toBeVisible();
    const nav = page.getByRole('navigation', { name: NAV });
    for (const item of ['신청 목록', '신청 접수', '처리기한 경과']) await expect(nav.getByRole('link', { name: item })).toBeVisible();
    await checkA11y(page, testInfo, 'dashboard-intake');
    await snap(page, testInfo, '20-dashboard-intake');
  });

  await test.step('from the person page, "급여 신청" chooses her as the applicant', async () => {
    await page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '대상자 검색' }).click();
    await page.getByLabel('성명', { exact: true }).fill('최은정');
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await page.getByRole('link', { name: '최은정' }).click();
    await expect(page.getByRole('heading', { name: /최은정/, level: 1 })).toBeVisible();
    await page.getByRole('link', { name: '급여 신청' }).click();
    await expect(page.getByRole('heading', { name: '급여 신청 접수', level: 1 })).toBeVisible();
    await expect(page.getByText('선택됨: 최은정', { exact: false })).toBeVisible();
    const household = page.getByRole('table', { name: /가구원 1명/ });
    await expect(household.getByRole('row', { name: /최은정/ })).toContainText('세대주');
  });

  await test.step('what is missing is said before anything is sent', async () => {
    await page.getByRole('button', { name: '신청 접수', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: '입력 내용을 확인하십시오' });
    await expect(summary).toContainText('신청할 급여를 하나 이상 고르십시오.');
    await expect(summary).toContainText('수집 목적·보유기간을 안내했는지 확인하십시오.');
    await checkA11y(page, testInfo, 'intake-errors');
    await snap(page, testInfo, '21-intake-errors');
  });

  await test.step('programs, the notice given, her 금융정보 제공 동의, then 접수', async () => {
    await page.getByRole('checkbox', { name: '생계급여' }).check();
    await page.getByRole('checkbox', { name: '주거급여' }).check();
    await page.getByLabel('최은정 금융정보 제공 동의서 받음').check();
    await page.getByLabel('최은정 동의서 번호').fill(`E2E-${String(Date.now()).slice(-6)}`);
    await page.getByLabel(/안내문\(2026-01판\)을 안내했습니다/).check();
    await expect(page.getByLabel('신청일', { exact: true })).not.toHaveValue('');
    await checkA11y(page, testInfo, 'intake-form');
    await snap(page, testInfo, '22-intake-form');
    await page.getByRole('button', { name: '신청 접수', exact: true }).click();

    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
    await expect(page.getByText('신청을 접수했습니다.')).toBeVisible();
    await expect(page.getByRole('heading', { name: /최은정/, level: 1 })).toBeVisible();
    const programs = page.getByTestId('application-programs');
    await expect(programs.getByRole('row', { name: /생계급여/ })).toContainText('접수');
    await expect(programs.getByRole('row', { name: /주거급여/ })).toContainText('접수');
    await expect(page.getByText(/\d+일 남음/).first()).toBeVisible();
    await expect(page.getByTestId('case-history')).toContainText('신청 접수');
    applicationUrl = page.url();
    await checkA11y(page, testInfo, 'application-received');
    await snap(page, testInfo, '23-application-received');
  });

  await test.step('신청 접수 from the menu: a 직권 application for 이영희, entered 40 days late', async () => {
    await page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '신청 접수' }).click();
    const picker = page.getByRole('group', { name: '신청인' });
    await picker.getByLabel('성명', { exact: true }).fill('이영희');
    await picker.getByRole('button', { name: '검색', exact: true }).click();
    await picker.getByRole('button', { name: /이영희.*선택/ }).click();
    // Her household is her husband's: both members, each with a consent row.
    const household = page.getByRole('table', { name: /가구원 2명/ });
    await expect(household.getByRole('row', { name: /이영희/ })).toContainText('신청인');
    await expect(household.getByRole('row', { name: /김민수/ })).toContainText('세대주');
    await page.getByRole('checkbox', { name: '기초연금' }).check();
    await page.getByRole('radio', { name: '직권 신청' }).check();
    await page.getByLabel('수급권자 본인의 동의를 받았습니다 (직권신청)').check();
    await page.getByLabel('신청일', { exact: true }).fill(daysAgo(40));
    await page.getByLabel(/안내문\(2026-01판\)을 안내했습니다/).check();
    await page.getByRole('button', { name: '신청 접수', exact: true }).click();
    await expect(page.getByText('신청을 접수했습니다.')).toBeVisible();
    await expect(page.getByText(/처리기한\(.+\)이 \d+일 지났습니다/)).toBeVisible();
  });

  await test.step('신청 목록 with filters, and 처리기한 경과', async () => {
    await page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '신청 목록' }).click();
    await expect(page.getByRole('heading', { name: '신청 목록', level: 1 })).toBeVisible();
    await page.getByLabel('급여 상태', { exact: true }).selectOption('received');
    await page.getByLabel('급여', { exact: true }).selectOption('livelihood');
    await expect(page).toHaveURL(/state=received/);
    const list = page.getByTestId('application-list');
    await expect(list.getByRole('row', { name: /최은정/ }).first()).toContainText('생계급여');
    await checkA11y(page, testInfo, 'application-list');
    await snap(page, testInfo, '24-application-list');

    await page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '처리기한 경과' }).click();
    await expect(page.getByRole('heading', { name: '처리기한 경과', level: 1 })).toBeVisible();
    const overdue = page.getByTestId('overdue-list');
    const late = overdue.getByRole('row', { name: /이영희/ }).first();
    await expect(late).toContainText('기초연금');
    // Overdue is said in words with a warning sign, not only in colour.
    await expect(late).toContainText(/⚠\s*\d+일 경과/);
    await checkA11y(page, testInfo, 'overdue');
    await snap(page, testInfo, '25-overdue');
  });

  await signOut(page);
});

test('investigator: from the 조사 대기 queue to a completed investigation', async ({ page }, testInfo) => {
  test.skip(applicationUrl === '', 'needs the application received by the intake test');
  await page.goto('/');
  await signIn(page, 'jongno.investigator');

  await test.step('the 조사 대기 queue opens the application; 조사 착수', async () => {
    const queue = page.getByTestId('queue-list-received');
    await expect(queue.getByRole('heading', { name: /조사 대기/ })).toBeVisible();
    await checkA11y(page, testInfo, 'dashboard-investigator');
    await snap(page, testInfo, '26-dashboard-investigator');
    // Newest first: this run's application heads the queue.
    await queue.getByRole('link', { name: '최은정' }).first().click();
    await expect(page).toHaveURL(applicationUrl);
    await page.getByRole('button', { name: '조사 착수' }).click();
    await expect(page).toHaveURL(/\/investigations\/[0-9a-f-]{36}$/);
    await expect(page.getByText('조사를 착수하고 연계 자료를 조회했습니다.')).toBeVisible();
  });

  await test.step('the linked evidence: 국세청 근로소득 from 새솔유통', async () => {
    await expect(page.getByRole('heading', { name: '통합조사', exact: false, level: 1 })).toBeVisible();
    const evidence = page.getByRole('table', { name: /최은정의 조사 자료/ });
    const income = evidence.getByRole('row', { name: /근로소득 300,000원 \(새솔유통\)/ }).first();
    await expect(income).toContainText('국세청');
    await expect(income).toContainText('연계');
    await expect(evidence.getByRole('row', { name: /임차보증금 5,000,000원/ })).toContainText('국토교통부');
    await expect(page.getByTestId('recognized-income')).toHaveText('210,000원');
    await checkA11y(page, testInfo, 'investigation');
    await snap(page, testInfo, '27-investigation');
  });

  await test.step('확인 사항: renting at 250,000원 a month, with a reason', async () => {
    const facts = page.getByRole('form', { name: '확인 사항' });
    await facts.getByLabel('점유 형태', { exact: true }).selectOption('rent');
    await facts.getByLabel('월세', { exact: true }).fill('250000');
    await facts.getByLabel('입력 사유', { exact: true }).fill('임대차계약서 확인 (월세 250,000원)');
    await facts.getByRole('button', { name: '확인 사항 저장' }).click();
    await expect(page.getByText('확인 사항을 저장하고 다시 산정했습니다.')).toBeVisible();
  });

  await test.step('바로잡기: the latest month’s pay was 320,000원', async () => {
    // Rows run newest month first: the first is the 소득 기준월's.
    await page.getByRole('button', { name: /근로소득 300,000원 \(새솔유통\) 바로잡기/ }).first().click();
    const form = page.getByRole('form', { name: '자료 바로잡기' });
    await expect(form.getByText('바로잡을 자료:')).toBeVisible();
    await expect(form.getByLabel('지급처', { exact: true })).toHaveValue('새솔유통');
    await form.getByLabel('금액 (월)', { exact: true }).fill('320000');
    await form.getByLabel('입력 사유', { exact: true }).fill('급여명세서 확인: 기준월 급여 320,000원');
    await checkA11y(page, testInfo, 'evidence-correction');
    await snap(page, testInfo, '28-evidence-correction');
    await form.getByRole('button', { name: '바로잡은 자료 저장' }).click();
    await expect(page.getByText('자료를 저장하고 다시 산정했습니다.')).toBeVisible();

    const evidence = page.getByRole('table', { name: /최은정의 조사 자료/ });
    await expect(evidence.getByRole('row', { name: /근로소득 320,000원 \(새솔유통\)/ })).toContainText('입력');
    // The record it replaced: struck through, 무효 in words, with the reason.
    const voided = evidence.getByRole('row', { name: /무효 사유: 급여명세서 확인: 기준월 급여 320,000원/ });
    await expect(voided.locator('s')).toContainText('근로소득 300,000원 (새솔유통)');
    await expect(voided.getByRole('button')).toHaveCount(0);
  });

  await test.step('소득인정액 산정 내역: (320,000 − 30%) = 224,000원, with each program’s trace', async () => {
    await expect(page.getByTestId('recognized-income')).toHaveText('224,000원');
    const overview = page.getByTestId('inv-overview');
    await expect(overview.getByRole('row', { name: /생계급여/ })).toContainText('수급 가능');
    await expect(overview.getByRole('row', { name: /주거급여/ })).toContainText('수급 가능');
    const trace = page.getByTestId('program-livelihood').getByRole('table', { name: /계산 과정/ });
    await expect(trace).toBeVisible();
    await expect(trace.getByRole('columnheader', { name: '법적 근거' })).toBeVisible();
    await checkA11y(page, testInfo, 'investigation-result');
    await snap(page, testInfo, '29-investigation-result');
  });

  await test.step('조사 완료', async () => {
    await page.getByRole('button', { name: '조사 완료' }).click();
    await expect(page.getByText('조사가 완료되어 결정을 기다립니다.')).toBeVisible();
    await expect(page.getByRole('button', { name: '바로잡기' })).toHaveCount(0);
    await checkA11y(page, testInfo, 'investigation-completed');
    await snap(page, testInfo, '30-investigation-completed');
  });

  await signOut(page);
});

test('decision-maker: proposal, notice preview, 선정, and the case history', async ({ page }, testInfo) => {
  test.skip(applicationUrl === '', 'needs the application received by the intake test');
  await page.goto('/');
  await signIn(page, 'jongno.decision');

  await test.step('the 결정 대기 queue opens the application; 생계급여 결정', async () => {
    const queue = page.getByTestId('queue-list-investigated');
    await expect(queue.getByRole('heading', { name: /결정 대기/ })).toBeVisible();
    await checkA11y(page, testInfo, 'dashboard-decision');
    await queue.getByRole('link', { name: '최은정' }).first().click();
    await expect(page).toHaveURL(applicationUrl);
    await page.getByRole('link', { name: '생계급여 결정' }).click();
    await expect(page.getByRole('heading', { name: /생계급여 결정/, level: 1 })).toBeVisible();
  });

  // On a database where an earlier run already granted her 생계급여, the 중복지원 check blocks a
  // second grant: then the case is decided 부적합 for that reason instead.
  const blocked = await test.step('the proposal: eligible, its amount and the 중복지원 check', async () => {
    await expect(page.getByText('적합 (선정기준 충족)')).toBeVisible();
    const exclusivity = page.getByTestId('exclusivity');
    await expect(exclusivity).toBeVisible();
    const isBlocked = (await exclusivity.getAttribute('role')) === 'alert';
    if (isBlocked) {
      // The form starts at 부적합 for that reason.
      await expect(page.getByRole('radio', { name: '부적합 (기각)' })).toBeChecked();
      await expect(page.getByRole('checkbox', { name: /같은 목적의 급여를 이미 받고 있어/ })).toBeChecked();
    } else {
      await expect(exclusivity).toContainText('중복지원 없음');
      await expect(page.getByRole('radio', { name: '선정 (지급)' })).toBeChecked();
      await expect(page.getByRole('checkbox', { name: /선정기준을 충족합니다/ })).toBeChecked();
    }
    await checkA11y(page, testInfo, 'decision');
    await snap(page, testInfo, '31-decision');
    return isBlocked;
  });

  await test.step('통지서 미리보기: the PDF the decision would produce', async () => {
    const [preview] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/decisions/preview') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '통지서 미리보기' }).click(),
    ]);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toContain('application/pdf');
    const viewer = page.getByTestId('notice-preview');
    await expect(viewer.locator('object[type="application/pdf"]')).toBeVisible();
    await expect(viewer.getByRole('link', { name: '결정통지서 미리보기 내려받기' }).first()).toHaveAttribute('href', /^blob:/);
    await checkA11y(page, testInfo, 'decision-preview');
    await snap(page, testInfo, '32-decision-preview');
  });

  await test.step('결정: the notice number, and the notice as sent', async () => {
    await page.getByRole('button', { name: '결정', exact: true }).click();
    await expect(page.getByText('결정했습니다. 통지서 번호', { exact: false })).toBeVisible();
    await expect(page.getByTestId('notice-number')).toHaveText(/^종로구-\d{4}-결정-\d{6}$/);
    // Decided: the live 중복지원 check (which the new grant would now trip) gives way to the record.
    await expect(page.getByTestId('exclusivity')).toHaveCount(0);
    const [notice] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/decisions\/[0-9a-f-]{36}\/notice$/.test(r.url())),
      page.getByRole('button', { name: '결정통지서 보기' }).click(),
    ]);
    expect(notice.status()).toBe(200);
    await expect(page.getByTestId('notice').locator('object')).toBeVisible();
    await checkA11y(page, testInfo, 'decided');
    await snap(page, testInfo, '33-decided');
  });

  await test.step('사례 이력: every step, with who and why', async () => {
    await page.getByRole('link', { name: '신청 상세로' }).click();
    await expect(page).toHaveURL(applicationUrl);
    const programs = page.getByTestId('application-programs');
    await expect(programs.getByRole('row', { name: /생계급여/ })).toContainText(blocked ? '부적합 결정' : '선정 결정');
    await expect(programs.getByRole('row', { name: /주거급여/ })).toContainText('조사 완료(결정 대기)');
    const history = page.getByTestId('case-history');
    for (const step of ['신청 접수', '조사 착수', '연계 자료 조회', '확인 사항 입력', '증빙 자료 입력', '조사 완료', '결정']) {
      await expect(history.getByText(step, { exact: true }).first()).toBeVisible();
    }
    await expect(history).toContainText('임대차계약서 확인 (월세 250,000원)');
    await expect(history).toContainText('급여명세서 확인: 기준월 급여 320,000원');
    await expect(history).toContainText('jongno.intake');
    await expect(history).toContainText('jongno.investigator');
    await expect(history).toContainText('jongno.decision');
    await checkA11y(page, testInfo, 'application-history');
    await snap(page, testInfo, '34-application-history');
  });
});
