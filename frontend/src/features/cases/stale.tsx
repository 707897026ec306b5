import { ApiError } from '../../api/problem';
import { fieldMessages, type FieldMessage } from '../../shared/errors';
import type { Translate } from '../../shared/i18n/context';
import { useT } from '../../shared/i18n/context';
import { Notice } from '../../shared/ui/Notice';

// Fields the API names when the version sent is not the one it holds: not something to fix in a
// field, but a reason to read the case again.
const VERSION_FIELDS = new Set(['version', 'case_version']);

/** 409: someone changed the case first (or its state no longer allows the step). */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/** The field messages of an answer, without the version bookkeeping of a 409. */
export function caseFieldMessages(error: unknown, t: Translate): FieldMessage[] {
  return fieldMessages(error, t).filter((m) => !VERSION_FIELDS.has(m.field));
}

/** Says that the screen is out of date and offers to read it again. */
export function StaleNotice({ error, onReload }: { error: unknown; onReload: () => void }) {
  const t = useT();
  if (!isConflict(error)) return null;
  const detail = error instanceof ApiError ? error.problem.detail : null;
  return (
    <Notice tone="warning" live>
      <strong>{t('case.conflictTitle')}</strong> {detail ?? ''} {t('case.conflictHelp')}{' '}
      <button type="button" className="button button--small" onClick={onReload}>
        {t('case.reload')}
      </button>
    </Notice>
  );
}
