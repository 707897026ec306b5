import type { DecisionCreate, DecisionProposal } from '../../api/types';
import type { FieldMessage } from '../../shared/errors';
import type { Translate } from '../../shared/i18n/context';

export type Outcome = DecisionCreate['outcome'];

/** Reason codes of a 선정 (domain/cases/reasons.py APPROVAL_REASONS); every other code is a 부적합's. */
const APPROVAL_CODES = new Set(['eligible', 'amount_adjusted', 'exclusivity_adjusted']);
/** Codes the API adds itself when they apply (a changed amount, a 중복지원 adjustment). */
export const AUTOMATIC_CODES = new Set(['amount_adjusted', 'exclusivity_adjusted']);

export interface DecisionForm {
  outcome: Outcome;
  codes: string[];
  note: string;
  /** Digits; '' = the amount the investigation computed. */
  amount: string;
  /** YYYY-MM-DD; '' = the statutory start date. */
  startDate: string;
}

/** The codes (with their meaning from the proposal) an official may tick for an outcome. */
export function codesFor(outcome: Outcome, proposal: DecisionProposal): [string, string][] {
  return Object.entries(proposal.reason_codes).filter(
    ([code]) => (outcome === 'approved') === APPROVAL_CODES.has(code) && !AUTOMATIC_CODES.has(code),
  );
}

export function defaultCodes(outcome: Outcome): string[] {
  return outcome === 'approved' ? ['eligible'] : [];
}

/**
 * Starts where the case points: 선정 when the investigation found the household eligible, unless
 * the 중복지원 check blocks it — then 부적합 for that reason (the official can still change it).
 */
export function initialDecision(proposal: DecisionProposal): DecisionForm {
  const blocked = proposal.exclusivity.verdict === 'blocked';
  const outcome: Outcome = proposal.eligible && !blocked ? 'approved' : 'rejected';
  const codes = blocked && 'duplicate_benefit' in proposal.reason_codes ? ['duplicate_benefit'] : defaultCodes(outcome);
  return { outcome, codes, note: '', amount: '', startDate: '' };
}

/** What the form itself can tell before sending (the API checks it all again). */
export function validateDecision(form: DecisionForm, proposal: DecisionProposal, t: Translate): FieldMessage[] {
  const out: FieldMessage[] = [];
  const note = form.note.trim() !== '';
  if (form.outcome === 'rejected' && form.codes.length === 0) {
    out.push({ field: 'reason_codes', message: t('decision.codesRequired') });
  }
  if (form.outcome === 'rejected' && form.codes.includes('other') && !note) {
    out.push({ field: 'note', message: t('decision.noteForOther') });
  }
  if (form.outcome === 'approved' && form.amount !== '' && Number(form.amount) !== proposal.monthly_amount && !note) {
    out.push({ field: 'note', message: t('decision.noteForAmount') });
  }
  return out;
}

/** The request (the same for the 미리보기 and the 결정), quoting the case version read. */
export function toDecisionCreate(form: DecisionForm, proposal: DecisionProposal): DecisionCreate {
  const approved = form.outcome === 'approved';
  const allowed = new Set(codesFor(form.outcome, proposal).map(([code]) => code));
  return {
    application_id: proposal.application_id,
    program: proposal.program,
    outcome: form.outcome,
    reason_codes: form.codes.filter((c) => allowed.has(c)),
    note: form.note.trim() || null,
    monthly_amount: approved && form.amount !== '' ? Number(form.amount) : null,
    start_date: approved && form.startDate ? form.startDate : null,
    case_version: proposal.case_version,
  };
}
