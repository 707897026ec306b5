import { ApiError } from '../api/problem';
import type { Translate } from './i18n/context';
import type { MessageKey } from './i18n/messages';

export interface FieldMessage {
  field: string;
  message: string;
}

// Validation codes (pydantic's and the domain's) with a message of our own in both languages.
const KNOWN_CODES = new Set([
  'missing',
  'string_too_short',
  'string_too_long',
  'string_pattern_mismatch',
  'extra_forbidden',
  'greater_than_equal',
  'less_than_equal',
  'int_parsing',
  'int_type',
  'int_from_float',
  'enum',
  'literal_error',
  'uuid_parsing',
  'uuid_type',
  'too_short',
  'too_long',
  'format',
  'unknown',
  'outside_jurisdiction',
  'birth_date',
  'sex_digit',
  'json_invalid',
  'date_parsing',
  'date_from_datetime_parsing',
  'bool_type',
]);

function stripValueError(message: string): string {
  return message.replace(/^(Value error|Assertion failed), /, '');
}

/**
 * The messages of a problem+json answer, field by field (`errors[].field` is the dotted path of the
 * request body, e.g. `address.address` or `members.0.birth_date`).
 */
export function fieldMessages(error: unknown, t: Translate): FieldMessage[] {
  if (!(error instanceof ApiError)) return [];
  const { problem } = error;
  const errors = problem.errors ?? [];
  const domain = problem.type.endsWith('/invalid-input') || problem.type.endsWith('/parameter-unavailable');
  return errors.map(({ field, message, code }) => {
    if (domain && errors.length === 1 && problem.detail) return { field, message: problem.detail };
    if (code === 'value_error') return { field, message: stripValueError(message) };
    if (KNOWN_CODES.has(code)) return { field, message: t(`fieldError.${code}` as MessageKey) };
    return { field, message: stripValueError(message) || code };
  });
}

/** Field path → first message. */
export function messagesByField(messages: FieldMessage[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const { field, message } of messages) if (!map.has(field)) map.set(field, message);
  return map;
}

/** A sentence for an error that is not about one field (or a summary of any error). */
export function problemText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  if (error.status === 0) return t('error.network');
  const { problem } = error;
  if (error.status === 500) {
    return t('error.server', { id: problem.correlation_id ?? '—' });
  }
  if (error.status === 429) return t('error.rateLimited');
  if (error.status === 403) return problem.detail ? `${t('error.forbidden')} (${problem.detail})` : t('error.forbidden');
  if (problem.detail) return problem.detail;
  if (error.status === 404) return t('error.notFound');
  return problem.title;
}

/** The sentence above a form's field list: the whole answer when no field is named, else its detail. */
export function summaryText(error: unknown, messages: FieldMessage[], t: Translate): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError) || messages.length === 0) return problemText(error, t);
  const detail = error.problem.detail ?? null;
  return detail !== null && messages.some((m) => m.message === detail) ? null : detail;
}
