import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n/context';
import { EMPTY_ISSUE_FORM, issueControlId, ISSUE_IDS, toCertificateRequest, validateIssue, type IssueFormState } from './issueForm';
import { CATALOGUE, SEO_ID } from './testFixtures';

const t = (key: Parameters<typeof translate>[1]) => translate('ko', key);
const TODAY = '2026-12-03';
const form = (patch: Partial<IssueFormState>): IssueFormState => ({ ...EMPTY_ISSUE_FORM, ...patch });

describe('validateIssue', () => {
  it('asks for a type and a purpose', () => {
    expect(validateIssue(CATALOGUE, EMPTY_ISSUE_FORM, TODAY, t).map((m) => m.field)).toEqual(['certificate_type', 'purpose']);
  });

  it('asks no period of a current-status certificate', () => {
    expect(validateIssue(CATALOGUE, form({ type: 'basic_livelihood', purpose: 'school' }), TODAY, t)).toEqual([]);
  });

  it('asks a past-receipt certificate for a whole period, in order, not past today', () => {
    const past = form({ type: 'receipt_history', purpose: 'school' });
    expect(validateIssue(CATALOGUE, past, TODAY, t).map((m) => m.field)).toEqual(['period.start', 'period.end']);
    expect(validateIssue(CATALOGUE, { ...past, periodStart: '2026-05-01', periodEnd: '2026-04-30' }, TODAY, t)).toEqual([
      { field: 'period.end', message: '종료일이 시작일보다 앞설 수 없습니다.' },
    ]);
    expect(validateIssue(CATALOGUE, { ...past, periodStart: '2026-01-01', periodEnd: '2026-12-04' }, TODAY, t)).toEqual([
      { field: 'period.end', message: '종료일은 오늘 이후일 수 없습니다.' },
    ]);
    expect(validateIssue(CATALOGUE, { ...past, periodStart: '2026-01-01', periodEnd: TODAY }, TODAY, t)).toEqual([]);
  });
});

describe('toCertificateRequest', () => {
  it('sends the full-number wish only where it may be honoured', () => {
    const bank = form({ type: 'basic_livelihood', purpose: 'financial_institution', fullRrn: true });
    expect(toCertificateRequest(CATALOGUE, bank, SEO_ID)).toEqual({
      person_id: SEO_ID,
      certificate_type: 'basic_livelihood',
      purpose: 'financial_institution',
      full_rrn: true,
      period: null,
    });
    // Ticked for a bank, then the purpose changed: the box no longer applies.
    expect(toCertificateRequest(CATALOGUE, { ...bank, purpose: 'public_office' }, SEO_ID).full_rrn).toBe(false);
  });

  it('sends a period only with a past-receipt type (the API refuses one for the others)', () => {
    const dated = { periodStart: '2026-01-01', periodEnd: '2026-06-30' };
    expect(toCertificateRequest(CATALOGUE, form({ type: 'receipt_history', purpose: 'other', ...dated }), SEO_ID).period).toEqual({
      start: '2026-01-01',
      end: '2026-06-30',
    });
    expect(toCertificateRequest(CATALOGUE, form({ type: 'basic_livelihood', purpose: 'other', ...dated }), SEO_ID).period).toBeNull();
  });
});

it('points each field the API names at its control', () => {
  expect(issueControlId('certificate_type')).toBe(ISSUE_IDS.type);
  expect(issueControlId('period')).toBe(ISSUE_IDS.periodStart);
  expect(issueControlId('period.end')).toBe(ISSUE_IDS.periodEnd);
  expect(issueControlId('person_id')).toBeNull();
});
