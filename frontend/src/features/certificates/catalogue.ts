import type { CertificateCode, CertificateItem, CertificatePurpose, CertificateType, PurposeCode } from '../../api/types';
import type { Translate } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';

export const CERTIFICATE_CODES: readonly CertificateCode[] = ['basic_livelihood', 'receipt_history', 'basic_pension', 'disability_pension', 'child'];

const PURPOSE_CODES: readonly PurposeCode[] = [
  'financial_institution',
  'school',
  'public_office',
  'telecom_discount',
  'utility_discount',
  'housing_lease',
  'other',
];

/** Every item a certificate can print, in the order the form prints them. */
export const ITEMS: readonly CertificateItem[] = [
  'name',
  'rrn_masked',
  'rrn_full',
  'address',
  'programs',
  'start_date',
  'receipt_period',
  'members',
  'purpose',
  'issuer',
  'issue_date',
  'document_number',
];

/** Printed on every certificate, whatever its purpose: who vouched for what, when, and how to check it. */
const ALWAYS_PRINTED: readonly CertificateItem[] = ['purpose', 'issuer', 'issue_date', 'document_number'];

export function itemLabel(t: Translate, item: string): string {
  return (ITEMS as readonly string[]).includes(item) ? t(`certItem.${item}` as MessageKey) : item;
}

/** Items in print order (the API answers them sorted by code). */
export function inPrintOrder(items: readonly string[]): string[] {
  const rank = (item: string) => {
    const i = (ITEMS as readonly string[]).indexOf(item);
    return i < 0 ? ITEMS.length : i;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}

/** Why the full 주민등록번호 cannot be printed, when it cannot. */
export type FullRrnBlock = 'choose' | 'type' | 'purpose';

/**
 * Whether the "주민등록번호 뒷자리 표시" box may be ticked: only where the form has a field for the
 * full number and the purpose needs the holder's identity (a bank's 실명확인). Null when it may.
 */
export function fullRrnBlock(type: CertificateType | undefined, purpose: CertificatePurpose | undefined): FullRrnBlock | null {
  if (!type || !purpose) return 'choose';
  if (!type.full_rrn_allowed) return 'type';
  if (!purpose.full_rrn_possible) return 'purpose';
  return null;
}

/**
 * The items a certificate of `type` prints for `purpose` — the API's rule (출력 항목 최소화): what
 * the form has a place for and the purpose needs, plus what the type cannot go without (whom and
 * which benefits; the period of a past-receipt type) and what every certificate carries. The full
 * number replaces the masked one only when it may be printed and was asked for. The issued
 * certificate's `printed_items` is what counts; this tells the official beforehand.
 */
export function printedItems(type: CertificateType, purpose: CertificatePurpose, fullRrn: boolean): CertificateItem[] {
  const form = new Set<CertificateItem>(['name', 'rrn_masked', 'address', 'programs', ...ALWAYS_PRINTED]);
  form.add(type.past_receipt ? 'receipt_period' : 'start_date');
  if (type.shows_members) form.add('members');
  const core: CertificateItem[] = type.past_receipt ? ['name', 'programs', 'receipt_period'] : ['name', 'programs'];
  const items = new Set<CertificateItem>([...purpose.items.filter((i) => form.has(i)), ...core, ...ALWAYS_PRINTED]);
  if (items.has('rrn_masked') && fullRrn && fullRrnBlock(type, purpose) === null) {
    items.delete('rrn_masked');
    items.add('rrn_full');
  }
  return ITEMS.filter((i) => items.has(i));
}

/** A type's title in the screen language (the API's title is the Korean one printed on the form). */
export function typeLabel(t: Translate, code: string, fallback?: string): string {
  return (CERTIFICATE_CODES as readonly string[]).includes(code) ? t(`certType.${code}` as MessageKey) : (fallback ?? code);
}

/** A purpose in the screen language. */
export function purposeLabel(t: Translate, code: string, fallback?: string): string {
  return (PURPOSE_CODES as readonly string[]).includes(code) ? t(`certPurpose.${code}` as MessageKey) : (fallback ?? code);
}

/** How a certificate was issued: at an office, on a portal, at a kiosk. */
export function channelLabel(t: Translate, channel: string): string {
  return ['official', 'portal', 'kiosk'].includes(channel) ? t(`certChannel.${channel}` as MessageKey) : channel;
}
