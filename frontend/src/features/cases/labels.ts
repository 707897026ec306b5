import type { CaseState, EvidenceKind, ExtensionReason, ProgramCode } from '../../api/types';
import type { Translate } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';

/** Every program, in the order of the application form (기초생활보장 first, then the allowances). */
export const PROGRAMS: readonly ProgramCode[] = [
  'livelihood',
  'medical',
  'housing',
  'education',
  'basic_pension',
  'disability_pension',
  'parent_benefit',
  'child_allowance',
  'childcare_fee',
  'home_care_allowance',
  'emergency_livelihood',
];

export const CASE_STATES: readonly CaseState[] = [
  'received',
  'investigating',
  'investigated',
  'approved',
  'rejected',
  'withdrawn',
  'dismissed',
];

/** States a program can still move out of (the API's `_OPEN`). */
export const OPEN_STATES: readonly CaseState[] = ['received', 'investigating', 'investigated'];

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  'income',
  'pension',
  'health_insurance',
  'property',
  'vehicle',
  'financial',
];

export const EXTENSION_REASONS: readonly ExtensionReason[] = [
  'support_obligor_investigation',
  'refusal_or_obstruction',
  'other_special',
];

const AGENCIES = ['nts', 'nps', 'geps', 'tp', 'mnd', 'nhis', 'molit', 'financial'] as const;

export function programLabel(t: Translate, program: string): string {
  return (PROGRAMS as readonly string[]).includes(program) ? t(`program.${program}` as MessageKey) : program;
}

export function stateLabel(t: Translate, state: string | null | undefined): string {
  if (!state) return '—';
  return (CASE_STATES as readonly string[]).includes(state) ? t(`caseState.${state}` as MessageKey) : state;
}

export function kindLabel(t: Translate, kind: string): string {
  return (EVIDENCE_KINDS as readonly string[]).includes(kind) ? t(`evidenceKind.${kind}` as MessageKey) : kind;
}

export function agencyLabel(t: Translate, agency: string | null | undefined): string {
  if (!agency) return '—';
  return (AGENCIES as readonly string[]).includes(agency) ? t(`agency.${agency}` as MessageKey) : agency;
}

export function channelLabel(t: Translate, channel: string): string {
  return ['visit', 'online', 'ex_officio'].includes(channel) ? t(`channel.${channel}` as MessageKey) : channel;
}

export function extensionLabel(t: Translate, reason: string): string {
  return (EXTENSION_REASONS as readonly string[]).includes(reason) ? t(`extension.${reason}` as MessageKey) : reason;
}

/** Program cases in the application form's order (the API answers them in code order). */
export function inProgramOrder<T extends { program: string }>(cases: readonly T[]): T[] {
  const rank = (program: string) => {
    const i = (PROGRAMS as readonly string[]).indexOf(program);
    return i < 0 ? PROGRAMS.length : i;
  };
  return [...cases].sort((a, b) => rank(a.program) - rank(b.program));
}
