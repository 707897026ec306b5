import type { CaseState } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import { stateLabel } from './labels';

/** A program case's state in words (the colour only repeats what the words say). */
export function StateBadge({ state }: { state: CaseState }) {
  const t = useT();
  return <span className={`badge badge--state-${state}`}>{stateLabel(t, state)}</span>;
}
