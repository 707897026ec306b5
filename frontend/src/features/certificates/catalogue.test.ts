import { describe, expect, it } from 'vitest';
import type { CertificateCode, PurposeCode } from '../../api/types';
import { translate } from '../../shared/i18n/context';
import { fullRrnBlock, inPrintOrder, ITEMS, itemLabel, printedItems } from './catalogue';
import { CATALOGUE } from './testFixtures';

const type = (code: CertificateCode) => CATALOGUE.types.find((t) => t.code === code);
const purpose = (code: PurposeCode) => CATALOGUE.purposes.find((p) => p.code === code);

function items(t: CertificateCode, p: PurposeCode, fullRrn = false): string[] {
  const ct = type(t);
  const cp = purpose(p);
  if (!ct || !cp) throw new Error('not in the fixture');
  return printedItems(ct, cp, fullRrn);
}

describe('fullRrnBlock', () => {
  it('allows the full number only for a form with the field and a purpose that needs identity', () => {
    expect(fullRrnBlock(type('basic_livelihood'), purpose('financial_institution'))).toBeNull();
  });

  it('says why not: nothing chosen yet, a form without the field, or a purpose that does not need it', () => {
    expect(fullRrnBlock(undefined, purpose('financial_institution'))).toBe('choose');
    expect(fullRrnBlock(type('basic_livelihood'), undefined)).toBe('choose');
    expect(fullRrnBlock(type('basic_pension'), purpose('financial_institution'))).toBe('type');
    expect(fullRrnBlock(type('receipt_history'), purpose('financial_institution'))).toBe('type');
    expect(fullRrnBlock(type('basic_livelihood'), purpose('public_office'))).toBe('purpose');
    // The form comes first: its lack of a field is the reason, whatever the purpose.
    expect(fullRrnBlock(type('child'), purpose('school'))).toBe('type');
  });
});

// Expected lists as the API's domain rule (domain/certificates/purposes.py) prints them.
describe('printedItems', () => {
  it('prints for 관공서 제출 the household picture, with the number masked', () => {
    expect(items('basic_livelihood', 'public_office')).toEqual([
      'name', 'rrn_masked', 'address', 'programs', 'start_date', 'members', 'purpose', 'issuer', 'issue_date', 'document_number',
    ]);
    // Asking for the full number changes nothing where the purpose does not allow it.
    expect(items('basic_livelihood', 'public_office', true)).toEqual(items('basic_livelihood', 'public_office'));
  });

  it('replaces the masked number with the full one for a bank, only when asked', () => {
    expect(items('basic_livelihood', 'financial_institution')).toEqual([
      'name', 'rrn_masked', 'programs', 'start_date', 'purpose', 'issuer', 'issue_date', 'document_number',
    ]);
    expect(items('basic_livelihood', 'financial_institution', true)).toEqual([
      'name', 'rrn_full', 'programs', 'start_date', 'purpose', 'issuer', 'issue_date', 'document_number',
    ]);
    expect(items('basic_pension', 'financial_institution', true)).toContain('rrn_masked');
  });

  it('prints a past-receipt certificate with its period instead of the 책정일, and no members', () => {
    expect(items('receipt_history', 'public_office')).toEqual([
      'name', 'rrn_masked', 'address', 'programs', 'receipt_period', 'purpose', 'issuer', 'issue_date', 'document_number',
    ]);
    // The period is the certificate's subject: printed even for a purpose that needs the least.
    expect(items('receipt_history', 'other')).toEqual(['name', 'programs', 'receipt_period', 'purpose', 'issuer', 'issue_date', 'document_number']);
  });

  it('leaves out what the form has no place for, even when the purpose would want it', () => {
    expect(items('basic_livelihood', 'school')).toContain('members');
    expect(items('child', 'school')).not.toContain('members');
    expect(items('child', 'utility_discount')).toEqual(['name', 'address', 'programs', 'purpose', 'issuer', 'issue_date', 'document_number']);
  });

  it('always prints whom, which benefits, and what lets the reader check the paper', () => {
    for (const t of CATALOGUE.types) {
      for (const p of CATALOGUE.purposes) {
        const printed = printedItems(t, p, true);
        for (const item of ['name', 'programs', 'purpose', 'issuer', 'issue_date', 'document_number'] as const) expect(printed).toContain(item);
        expect(printed.includes('rrn_full')).toBe(t.code === 'basic_livelihood' && p.code === 'financial_institution');
      }
    }
  });
});

describe('item labels', () => {
  const ko = (key: Parameters<typeof translate>[1]) => translate('ko', key);
  const en = (key: Parameters<typeof translate>[1]) => translate('en', key);

  it('names every item in Korean as the form does', () => {
    expect(ITEMS.map((i) => itemLabel(ko, i))).toEqual([
      '성명', '주민등록번호(뒷자리 가림)', '주민등록번호', '주소', '수급 구분', '책정일', '수급 기간', '가구원', '용도', '발급기관', '발급일', '문서번호',
    ]);
  });

  it('has English for each, and shows an unknown code as it is', () => {
    expect(itemLabel(en, 'rrn_masked')).toBe('Resident number (last digits hidden)');
    expect(ITEMS.every((i) => itemLabel(en, i) !== itemLabel(ko, i))).toBe(true);
    expect(itemLabel(ko, 'signature')).toBe('signature');
  });

  it('puts the API’s sorted codes back in print order', () => {
    expect(inPrintOrder(['address', 'document_number', 'name', 'rrn_masked'])).toEqual(['name', 'rrn_masked', 'address', 'document_number']);
  });
});
