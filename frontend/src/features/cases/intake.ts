import type { ApplicationCreate, ConsentIn, MemberRead, ProgramCode } from '../../api/types';
import type { FieldMessage } from '../../shared/errors';
import type { Translate } from '../../shared/i18n/context';
import { PROGRAMS } from './labels';

/** The 수집 목적·보유기간 안내문 currently handed out (사회보장급여법 제5조⑤); its edition is recorded. */
export const PRIVACY_NOTICE_VERSION = '2026-01';

export interface ConsentRow {
  given: boolean;
  documentId: string;
}

export interface ActualResidenceForm {
  enabled: boolean;
  address: string;
  emdCode: string;
  emdName: string;
  since: string;
}

export interface IntakeForm {
  programs: ProgramCode[];
  channel: 'visit' | 'ex_officio';
  exOfficioConsent: boolean;
  appliedOn: string;
  privacyNoticeGiven: boolean;
  actual: ActualResidenceForm;
  /** 금융정보 제공 동의 by household member (person id). */
  consents: Record<string, ConsentRow>;
}

export function initialIntake(today: string): IntakeForm {
  return {
    programs: [],
    channel: 'visit',
    exOfficioConsent: false,
    appliedOn: today,
    privacyNoticeGiven: false,
    actual: { enabled: false, address: '', emdCode: '', emdName: '', since: '' },
    consents: {},
  };
}

/** Control ids, by request field path (the API's `errors[].field`) or form-only key. */
export const INTAKE_IDS = {
  applicant: 'intake-applicant-picker',
  household: 'intake-household',
  programs: 'intake-programs',
  channel: 'intake-channel',
  exOfficioConsent: 'intake-ex-officio-consent',
  appliedOn: 'intake-applied-on',
  privacy: 'intake-privacy',
  actual: 'intake-actual',
  actualAddress: 'intake-actual-address',
  actualEmdCode: 'intake-actual-emd-code',
  actualEmdName: 'intake-actual-emd-name',
  actualSince: 'intake-actual-since',
  consentGiven: (personId: string) => `intake-consent-${personId}`,
  consentDocument: (personId: string) => `intake-consent-${personId}-doc`,
} as const;

/**
 * The form's key for a field the API named. `financial_consents.N.*` is about the N-th consent sent,
 * i.e. a household member's row (`order` lists the person ids in the order they were sent).
 */
export function intakeKey(field: string, order: readonly string[]): string {
  const consent = /^financial_consents\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (consent) {
    const person = order[Number(consent[1])] ?? '';
    return consent[2] === 'document_id' ? `consent.${person}.document` : `consent.${person}`;
  }
  if (field.startsWith('privacy_notice')) return 'privacy_notice';
  return field;
}

/** The control showing a form key, or null when none does (the summary then just lists it). */
export function intakeControlId(key: string): string | null {
  const consent = /^consent\.([^.]+)(\.document)?$/.exec(key);
  if (consent) {
    const person = consent[1] ?? '';
    return consent[2] ? INTAKE_IDS.consentDocument(person) : INTAKE_IDS.consentGiven(person);
  }
  const ids: Record<string, string> = {
    applicant_person_id: INTAKE_IDS.applicant,
    household_id: INTAKE_IDS.household,
    programs: INTAKE_IDS.programs,
    channel: INTAKE_IDS.channel,
    ex_officio_consent: INTAKE_IDS.exOfficioConsent,
    applied_on: INTAKE_IDS.appliedOn,
    privacy_notice: INTAKE_IDS.privacy,
    actual_residence: INTAKE_IDS.actual,
    'actual_residence.address': INTAKE_IDS.actualAddress,
    'actual_residence.emd_code': INTAKE_IDS.actualEmdCode,
    'actual_residence.emd_name': INTAKE_IDS.actualEmdName,
    'actual_residence.since': INTAKE_IDS.actualSince,
  };
  return ids[key] ?? null;
}

/**
 * What is missing before the application can be sent. The API checks everything again; this only
 * spares the official a round trip for what the form itself can tell.
 */
export function validateIntake(
  form: IntakeForm,
  applicantId: string | null,
  /** The applicant's household; null when they have none, undefined while it is being read. */
  householdId: string | null | undefined,
  t: Translate,
): FieldMessage[] {
  const out: FieldMessage[] = [];
  if (!applicantId) out.push({ field: 'applicant_person_id', message: t('intake.applicantRequired') });
  else if (householdId === null) out.push({ field: 'household_id', message: t('intake.householdRequired') });
  if (form.programs.length === 0) out.push({ field: 'programs', message: t('intake.programsRequired') });
  if (form.channel === 'ex_officio' && !form.exOfficioConsent) {
    out.push({ field: 'ex_officio_consent', message: t('intake.exOfficioConsentRequired') });
  }
  if (!form.appliedOn) out.push({ field: 'applied_on', message: t('intake.appliedOnRequired') });
  if (!form.privacyNoticeGiven) out.push({ field: 'privacy_notice', message: t('intake.privacyRequired') });
  if (form.actual.enabled) {
    if (!form.actual.address.trim()) {
      out.push({ field: 'actual_residence.address', message: t('intake.actualAddressRequired') });
    }
    if (!form.actual.since) out.push({ field: 'actual_residence.since', message: t('intake.actualSinceRequired') });
  }
  for (const [personId, row] of Object.entries(form.consents)) {
    if (row.given && !row.documentId.trim()) {
      out.push({ field: `consent.${personId}.document`, message: t('intake.documentRequired') });
    }
  }
  return out;
}

export interface IntakeRequest {
  body: ApplicationCreate;
  /** Person ids of `financial_consents`, in order (to place the API's messages on their rows). */
  consentOrder: string[];
}

/** The request body. Notice and consents are dated the 신청일: they are given when it is received. */
export function toApplicationCreate(
  form: IntakeForm,
  applicantId: string,
  householdId: string,
  members: readonly Pick<MemberRead, 'person_id'>[],
): IntakeRequest {
  const consents: ConsentIn[] = [];
  for (const m of members) {
    const row = form.consents[m.person_id];
    if (!row?.given) continue;
    consents.push({
      person_id: m.person_id,
      role: m.person_id === applicantId ? 'applicant' : 'member',
      given_on: form.appliedOn,
      document_id: row.documentId.trim(),
    });
  }
  const body: ApplicationCreate = {
    applicant_person_id: applicantId,
    household_id: householdId,
    // In the order of the form, whatever order they were ticked in.
    programs: PROGRAMS.filter((p) => form.programs.includes(p)),
    channel: form.channel,
    applied_on: form.appliedOn,
    ex_officio_consent: form.channel === 'ex_officio' && form.exOfficioConsent,
    privacy_notice: { version: PRIVACY_NOTICE_VERSION, given_on: form.appliedOn },
    financial_consents: consents,
  };
  if (form.actual.enabled) {
    body.actual_residence = {
      address: form.actual.address.trim(),
      since: form.actual.since,
      emd_code: form.actual.emdCode.trim() || null,
      emd_name: form.actual.emdName.trim() || null,
    };
  }
  return { body, consentOrder: consents.map((c) => c.person_id) };
}
