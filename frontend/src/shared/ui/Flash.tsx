import { useLocation } from 'react-router';
import { useT } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import { Notice } from './Notice';

const FLASHES: readonly MessageKey[] = [
  'person.created',
  'person.updated',
  'household.created',
  'household.memberAdded',
  'intake.created',
  'inv.started',
];

/** A one-line confirmation passed by the page that navigated here (e.g. "등록되었습니다"). */
export function Flash() {
  const t = useT();
  const state = useLocation().state as { flash?: string } | null;
  const key = state?.flash;
  if (!key || !(FLASHES as readonly string[]).includes(key)) return null;
  return (
    <Notice tone="success" live>
      {t(key as MessageKey)}
    </Notice>
  );
}
