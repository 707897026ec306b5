import type { Translate } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';

export const MEMBER_RELATIONS = ['spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];

/** 세대주와의 관계 (head, spouse, child, …) in words; an unknown code as it is. */
export function relationLabel(t: Translate, relation: string): string {
  const known = ['head', ...MEMBER_RELATIONS] as string[];
  return known.includes(relation) ? t(`relation.${relation}` as MessageKey) : relation;
}
