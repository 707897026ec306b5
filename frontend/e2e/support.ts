import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const PASSWORD = 'ieum-demo-2026!';

/** Fills in and sends the sign-in form. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('아이디', { exact: true }).fill(username);
  await page.getByLabel('비밀번호', { exact: true }).fill(password);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
}

/** Signs in on the sign-in screen and waits for the signed-in frame. */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await submitSignIn(page, username, password);
  await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA rules) on the page as it is and fails on any serious or critical
 * violation, naming the rule and the elements. The full report is attached to the test.
 */
export async function checkA11y(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  await testInfo.attach(`axe-${screen}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => `- [${v.impact ?? '?'}] ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
  expect(serious, `axe found serious/critical violations on "${screen}":\n${report}`).toEqual([]);
}

/** A full-page screenshot, kept as a test artifact in frontend/test-results/screens/NAME.png. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = join(testInfo.project.outputDir, 'screens', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** `ieum` on the same database as the server under test (set by scripts/e2e.sh), or null. */
export function ieumCli(): ((args: string[], input?: string) => string) | null {
  const cli = process.env.IEUM_CLI;
  if (!cli) return null;
  return (args, input) => execFileSync(cli, args, { encoding: 'utf8', env: process.env, input: input ?? '' });
}

/** A made-up resident number, valid in form, unique enough for one run. */
export function madeUpRrn(birth: string, sexDigit: string): string {
  const tail = String(Date.now() % 1_000_000).padStart(6, '0');
  return `${birth}${sexDigit}${tail}`;
}
