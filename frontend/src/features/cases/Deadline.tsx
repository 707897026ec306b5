import type { Deadline } from '../../api/types';
import { formatDate } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';

/**
 * 처리기한 (법 제26조): the due date and how many days are left. An overdue deadline says so in
 * words and with a warning sign, not only in colour.
 */
export function DeadlineText({ deadline, compact }: { deadline: Deadline; compact?: boolean }) {
  const { t, lang } = useI18n();
  const due = formatDate(deadline.due, lang);
  return (
    <span className="deadline">
      <span className="deadline__due">{due}</span>{' '}
      {deadline.overdue ? (
        <span className="badge badge--overdue">
          <span aria-hidden="true">⚠ </span>
          {t('deadline.overdue', { days: Math.abs(deadline.days_left) })}
        </span>
      ) : (
        <span className={deadline.days_left <= 7 ? 'badge badge--soon' : 'badge badge--left'}>
          {t('deadline.left', { days: deadline.days_left })}
        </span>
      )}
      {deadline.extended && !compact ? (
        <>
          {' '}
          <span className="badge badge--extended">{t('deadline.extended')}</span>
        </>
      ) : null}
    </span>
  );
}
