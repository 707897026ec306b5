import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth } from '../../shared/format';
import { translate } from '../../shared/i18n/context';
import { LANGS, messages } from '../../shared/i18n/messages';
import { RECORD_FIELDS, recordSummary, toRecord, valuesFromRecord } from './evidence';
import { factsForm, toFactsIn } from './facts';
import { intakeControlId, intakeKey } from './intake';
import { CASE_STATES, EVIDENCE_KINDS, EXTENSION_REASONS, PROGRAMS } from './labels';

const t = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => translate('ko', key, vars);

describe('labels', () => {
  it('has words in both languages for every code the screens show', () => {
    const keys = [
      ...PROGRAMS.map((p) => `program.${p}`),
      ...CASE_STATES.map((s) => `caseState.${s}`),
      ...EVIDENCE_KINDS.map((k) => `evidenceKind.${k}`),
      ...EXTENSION_REASONS.map((r) => `extension.${r}`),
      ...['visit', 'online', 'ex_officio'].map((c) => `channel.${c}`),
      ...['nts', 'nps', 'geps', 'tp', 'mnd', 'nhis', 'molit', 'financial'].map((a) => `agency.${a}`),
      ...Object.values(RECORD_FIELDS).flatMap((fields) =>
        fields.flatMap((f) => [f.label, ...(f.hint ? [f.hint] : []), ...(f.options ?? []).map((o) => `${f.labelPrefix ?? ''}${o}`)]),
      ),
    ];
    for (const lang of LANGS) {
      const missing = keys.filter((k) => !(k in messages[lang]));
      expect(missing, lang).toEqual([]);
    }
  });
});

describe('formatDate', () => {
  it('writes dates as officials do, without a time zone shift', () => {
    expect(formatDate('2026-11-02', 'ko')).toBe('2026. 11. 2.');
    expect(formatDate('2026-01-15', 'en')).toBe('Jan 15, 2026');
    expect(formatMonth('2026-10-01', 'ko')).toBe('2026. 10.');
    expect(formatDate(null, 'ko')).toBe('—');
  });
});

describe('intake field paths', () => {
  it('places a consent message on the row of the person it was sent for', () => {
    const order = ['p-1', 'p-2'];
    expect(intakeKey('financial_consents.1.person_id', order)).toBe('consent.p-2');
    expect(intakeKey('financial_consents.0.document_id', order)).toBe('consent.p-1.document');
    expect(intakeKey('privacy_notice.given_on', order)).toBe('privacy_notice');
    expect(intakeControlId('consent.p-2.document')).toBe('intake-consent-p-2-doc');
    expect(intakeControlId('programs')).toBe('intake-programs');
    expect(intakeControlId('record_id')).toBeNull();
  });
});

describe('evidence records', () => {
  it('turns a pension form into the record type’s fields (직역연금 by its agency)', () => {
    expect(toRecord('pension', { agency: 'geps', month: '2026-10', amount: '1,200,000', a_portion: '' })).toEqual({
      agency: 'geps',
      month: '2026-10-01',
      amount: 1200000,
      occupational: true,
    });
    expect(toRecord('property', { property_type: 'house', value: '90000000', address: '퇴계로 100', is_residence: true, deposit_received: '' })).toEqual({
      property_type: 'house',
      value: 90000000,
      address: '퇴계로 100',
      is_residence: true,
    });
  });

  it('prefills a correction from the record it replaces', () => {
    const record = { month: '2026-10-01', income_type: 'earned', amount: 300000, payer: '새솔유통', agency: 'nts' };
    expect(valuesFromRecord('income', record)).toEqual({ month: '2026-10', income_type: 'earned', amount: '300000', payer: '새솔유통' });
  });

  it('sums a record up in one line, money with separators and 원', () => {
    const record = { month: '2026-10-01', income_type: 'earned', amount: 300000, payer: '새솔유통' };
    expect(recordSummary('income', record, t, 'ko')).toBe('2026. 10. 근로소득 300,000원 (새솔유통)');
    expect(recordSummary('property', { property_type: 'lease_deposit', value: 5000000, address: '모의 소재지 1', is_residence: true }, t, 'ko')).toBe(
      '임차보증금 5,000,000원 · 모의 소재지 1 · 거주용',
    );
  });
});

describe('facts', () => {
  const members = [{ member_id: 'm1', person_id: 'p-1', name: '최은정', relation: 'head', birth_date: '1976-01-15' }];

  it('reads the saved facts back into the form', () => {
    const form = factsForm(
      { housing: { tenure: 'rent', monthly_rent: 250000, deposit: null }, crisis_reasons: ['illness'], members: { 'p-1': { school: 'none', private_transfer: 100000 } } },
      members,
    );
    expect(form).toEqual({
      tenure: 'rent',
      monthlyRent: '250000',
      deposit: '',
      crisis: ['illness'],
      members: { 'p-1': { school: 'none', childcare: 'none', privateTransfer: '100000', propertyIncome: '' } },
    });
  });

  it('sends "as the linked data says" as null, and every member', () => {
    const form = factsForm({}, members);
    expect(toFactsIn({ ...form, monthlyRent: '250000' })).toEqual({
      housing: { tenure: null, monthly_rent: 250000, deposit: null },
      crisis_reasons: [],
      members: { 'p-1': { school: 'none', childcare: 'none', private_transfer: 0, property_income: 0 } },
    });
  });
});
