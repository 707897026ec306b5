import type { CertificateCatalogue, CertificateCode, CertificateRequest, PurposeCode } from '../../api/types';
import type { FieldMessage } from '../../shared/errors';
import type { Translate } from '../../shared/i18n/context';
import { fullRrnBlock } from './catalogue';

export interface IssueFormState {
  type: CertificateCode | '';
  purpose: PurposeCode | '';
  fullRrn: boolean;
  periodStart: string;
  periodEnd: string;
}

export const EMPTY_ISSUE_FORM: IssueFormState = { type: '', purpose: '', fullRrn: false, periodStart: '', periodEnd: '' };

/** Control ids, by the request field the API names in `errors[].field`. */
export const ISSUE_IDS = {
  type: 'cert-type',
  purpose: 'cert-purpose',
  fullRrn: 'cert-full-rrn',
  periodStart: 'cert-period-start',
  periodEnd: 'cert-period-end',
} as const;

export function issueControlId(field: string): string | null {
  if (field === 'certificate_type') return ISSUE_IDS.type;
  if (field === 'purpose') return ISSUE_IDS.purpose;
  if (field === 'full_rrn') return ISSUE_IDS.fullRrn;
  if (field === 'period.end') return ISSUE_IDS.periodEnd;
  if (field === 'period' || field.startsWith('period.')) return ISSUE_IDS.periodStart;
  return null;
}

function selected(catalogue: CertificateCatalogue, form: IssueFormState) {
  return {
    type: catalogue.types.find((t) => t.code === form.type),
    purpose: catalogue.purposes.find((p) => p.code === form.purpose),
  };
}

/** Whether the full number will be asked for: ticked, and allowed for this type and purpose. */
export function asksFullRrn(catalogue: CertificateCatalogue, form: IssueFormState): boolean {
  const { type, purpose } = selected(catalogue, form);
  return form.fullRrn && fullRrnBlock(type, purpose) === null;
}

/** What is missing or wrong before anything is sent (the API checks the same and more). */
export function validateIssue(catalogue: CertificateCatalogue, form: IssueFormState, today: string, t: Translate): FieldMessage[] {
  const found: FieldMessage[] = [];
  const { type } = selected(catalogue, form);
  if (!type) found.push({ field: 'certificate_type', message: t('certIssue.typeRequired') });
  if (!form.purpose) found.push({ field: 'purpose', message: t('certIssue.purposeRequired') });
  if (type?.past_receipt) {
    if (!form.periodStart) found.push({ field: 'period.start', message: t('certIssue.periodStartRequired') });
    if (!form.periodEnd) found.push({ field: 'period.end', message: t('certIssue.periodEndRequired') });
    else if (form.periodEnd > today) found.push({ field: 'period.end', message: t('certIssue.periodFuture') });
    if (form.periodStart && form.periodEnd && form.periodStart > form.periodEnd) {
      found.push({ field: 'period.end', message: t('certIssue.periodOrder') });
    }
  }
  return found;
}

/** The request body; a period only for a past-receipt type (the API refuses one for the others). */
export function toCertificateRequest(catalogue: CertificateCatalogue, form: IssueFormState, personId: string): CertificateRequest {
  const { type } = selected(catalogue, form);
  return {
    person_id: personId,
    certificate_type: form.type as CertificateCode,
    purpose: form.purpose as PurposeCode,
    full_rrn: asksFullRrn(catalogue, form),
    period: type?.past_receipt ? { start: form.periodStart, end: form.periodEnd } : null,
  };
}
