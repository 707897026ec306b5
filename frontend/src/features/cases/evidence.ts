import type { EvidenceKind } from '../../api/types';
import { formatDate, formatMonth, formatNumber, formatWon } from '../../shared/format';
import type { Translate } from '../../shared/i18n/context';
import type { Lang, MessageKey } from '../../shared/i18n/messages';

/**
 * The fields an official types for each kind of record — the linked-data record types of
 * domain/linked_data.py. The API fills `record_id`, `agency` (the kind's agency) and
 * `reference_date` (the investigation's 기준일) when they are not sent.
 */
export type RecordFieldType = 'month' | 'date' | 'money' | 'count' | 'text' | 'select' | 'check';

export interface RecordField {
  name: string;
  type: RecordFieldType;
  label: MessageKey;
  required: boolean;
  /** For a select: the codes, shown as `${labelPrefix}${code}`. */
  options?: readonly string[];
  labelPrefix?: string;
  hint?: MessageKey;
}

const f = (
  name: string,
  type: RecordFieldType,
  label: MessageKey,
  required = true,
  extra: Partial<RecordField> = {},
): RecordField => ({ name, type, label, required, ...extra });

export const RECORD_FIELDS: Record<EvidenceKind, readonly RecordField[]> = {
  income: [
    f('month', 'month', 'record.month'),
    f('income_type', 'select', 'record.incomeType', true, { options: ['earned', 'business'], labelPrefix: 'income.' }),
    f('amount', 'money', 'record.amount'),
    f('payer', 'text', 'record.payer'),
  ],
  pension: [
    f('agency', 'select', 'record.pensionAgency', true, { options: ['nps', 'geps', 'tp', 'mnd'], labelPrefix: 'agency.' }),
    f('month', 'month', 'record.month'),
    f('amount', 'money', 'record.amount'),
    f('a_portion', 'money', 'record.aPortion', false, { hint: 'record.aPortionHint' }),
  ],
  health_insurance: [
    f('status', 'select', 'record.coverage', true, { options: ['employee', 'regional', 'dependent'], labelPrefix: 'coverage.' }),
    f('acquired_on', 'date', 'record.acquiredOn'),
    f('monthly_premium', 'money', 'record.premium', false),
  ],
  property: [
    f('property_type', 'select', 'record.propertyType', true, {
      options: ['land', 'building', 'house', 'lease_deposit'],
      labelPrefix: 'propertyType.',
    }),
    f('value', 'money', 'record.value'),
    f('address', 'text', 'record.address'),
    f('is_residence', 'check', 'record.isResidence', false),
    f('deposit_received', 'money', 'record.depositReceived', false, { hint: 'record.depositReceivedHint' }),
  ],
  vehicle: [
    f('value', 'money', 'record.vehicleValue'),
    f('cc', 'count', 'record.cc'),
    f('model_year', 'count', 'record.modelYear'),
    f('use', 'select', 'vehicle.use', true, { options: ['ordinary', 'livelihood', 'disabled', 'cargo'], labelPrefix: 'vehicleUse.' }),
  ],
  financial: [
    f('institution', 'text', 'record.institution'),
    f('product', 'select', 'record.product', true, {
      options: ['deposit', 'insurance', 'securities', 'loan'],
      labelPrefix: 'product.',
    }),
    f('amount', 'money', 'record.balance'),
  ],
};

export type RecordValues = Record<string, string | boolean>;

/** An empty form for a kind (selects on their first option). */
export function emptyValues(kind: EvidenceKind): RecordValues {
  const values: RecordValues = {};
  for (const field of RECORD_FIELDS[kind]) {
    values[field.name] = field.type === 'check' ? false : field.type === 'select' ? (field.options?.[0] ?? '') : '';
  }
  return values;
}

/** The form prefilled from a record (to correct it). */
export function valuesFromRecord(kind: EvidenceKind, record: Record<string, unknown>): RecordValues {
  const values = emptyValues(kind);
  for (const field of RECORD_FIELDS[kind]) {
    const raw = record[field.name];
    if (raw === undefined || raw === null) continue;
    if (field.type === 'check') values[field.name] = raw === true;
    else if (field.type === 'month' && typeof raw === 'string') values[field.name] = raw.slice(0, 7);
    else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') values[field.name] = String(raw);
  }
  return values;
}

/** Names of required fields left empty. */
export function missingFields(kind: EvidenceKind, values: RecordValues): string[] {
  return RECORD_FIELDS[kind]
    .filter((field) => field.required && field.type !== 'check')
    .filter((field) => String(values[field.name] ?? '').trim() === '')
    .map((field) => field.name);
}

const digits = (text: string) => text.replace(/\D+/g, '');

/** The `record` of the request: months on their 1st, amounts as integers, optional amounts left out
 * when empty (the record type's default, 0, applies). */
export function toRecord(kind: EvidenceKind, values: RecordValues): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS[kind]) {
    const value = values[field.name];
    if (field.type === 'check') {
      record[field.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      if (field.required) record[field.name] = text;
      continue;
    }
    if (field.type === 'month') record[field.name] = `${text.slice(0, 7)}-01`;
    else if (field.type === 'money' || field.type === 'count') record[field.name] = Number(digits(text) || '0');
    else record[field.name] = text;
  }
  // A 직역연금 is told apart by its agency (공무원·사학·군인연금); only 국민연금 has an A급여 part.
  if (kind === 'pension') record.occupational = record.agency !== 'nps';
  return record;
}

function num(record: Record<string, unknown>, name: string): number | null {
  const value = record[name];
  return typeof value === 'number' ? value : null;
}

function str(record: Record<string, unknown>, name: string): string {
  const value = record[name];
  return typeof value === 'string' ? value : '';
}

/** A record in one line, as the evidence table shows it. */
export function recordSummary(kind: string, record: Record<string, unknown>, t: Translate, lang: Lang): string {
  const won = (name: string) => {
    const n = num(record, name);
    return n === null ? '—' : formatWon(n, lang);
  };
  const label = (prefix: string, code: string) => (code ? t(`${prefix}${code}` as MessageKey) : '—');
  switch (kind) {
    case 'income':
      return `${formatMonth(str(record, 'month'), lang)} ${label('income.', str(record, 'income_type'))} ${won('amount')} (${str(record, 'payer') || '—'})`;
    case 'pension': {
      const a = num(record, 'a_portion') ?? 0;
      const name = record.occupational === true ? t('record.occupational') : t('agency.nps');
      const part = a > 0 ? ` (${t('record.aPortion')} ${formatWon(a, lang)})` : '';
      return `${formatMonth(str(record, 'month'), lang)} ${name} ${won('amount')}${part}`;
    }
    case 'health_insurance':
      return `${label('coverage.', str(record, 'status'))} · ${t('record.premium')} ${won('monthly_premium')} · ${t('record.acquiredOn')} ${formatDate(str(record, 'acquired_on'), lang)}`;
    case 'property': {
      const parts = [`${label('propertyType.', str(record, 'property_type'))} ${won('value')}`, str(record, 'address')];
      if (record.is_residence === true) parts.push(t('record.residence'));
      if ((num(record, 'deposit_received') ?? 0) > 0) parts.push(`${t('record.depositReceived')} ${won('deposit_received')}`);
      return parts.filter(Boolean).join(' · ');
    }
    case 'vehicle':
      return [
        `${t('record.vehicleValue')} ${won('value')}`,
        `${formatNumber(num(record, 'cc') ?? 0, lang)}cc`,
        t('record.modelYearValue', { year: num(record, 'model_year') ?? '—' }),
        label('vehicleUse.', str(record, 'use')),
      ].join(' · ');
    case 'financial':
      return `${str(record, 'institution') || '—'} ${label('product.', str(record, 'product'))} ${won('amount')}`;
    default:
      return JSON.stringify(record);
  }
}

/** Sort key: the newest month (or date) first within a kind. */
export function recordDate(record: Record<string, unknown>): string {
  return str(record, 'month') || str(record, 'acquired_on') || str(record, 'reference_date');
}
