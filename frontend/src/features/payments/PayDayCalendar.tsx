import { useState } from 'react';
import { formatDate, formatMonth } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { MONTHLY_PROGRAMS, payDayCause, programLabel } from './labels';
import { FIRST_YEAR, LAST_YEAR } from './month';
import { usePayDays } from './queries';
import type { PayDay } from './types';

/** One pay day: the date the money goes out and, when it moved off the legal day, why. */
function PayDayCell({ day }: { day: PayDay | undefined }) {
  const { t, lang } = useI18n();
  if (!day) return <td>—</td>;
  return (
    <td className={day.reason ? 'nowrap pay-day--moved' : 'nowrap'}>
      {formatDate(day.pay_date, lang)}
      {day.reason ? (
        <span className="small muted pay-day__reason">{t('payDay.movedCell', { legal: formatDate(day.legal_day, lang), cause: payDayCause(day.reason, day.legal_day) })}</span>
      ) : null}
    </td>
  );
}

/**
 * The year's pay days of every monthly program (legal day moved back over Saturdays, Sundays and
 * 공휴일), folded away by default: it is looked up, not read every day.
 */
export function PayDayCalendar({ initialYear }: { initialYear: number }) {
  const { t, lang } = useI18n();
  const [year, setYear] = useState(Math.min(LAST_YEAR, Math.max(FIRST_YEAR, initialYear)));
  const [open, setOpen] = useState(false);
  const days = usePayDays(open ? year : null);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const find = (program: string, month: string) => days.data?.find((d) => d.program === program && d.month === month);

  return (
    <section className="panel pay-days" aria-labelledby="pay-days-title" data-testid="pay-day-calendar">
      <div className="pay-days__head">
        <h2 id="pay-days-title">{t('payDays.title', { year })}</h2>
        <button type="button" className="button button--small" aria-expanded={open} aria-controls="pay-days-body" onClick={() => setOpen((o) => !o)}>
          {open ? t('payDays.hide') : t('payDays.show')}
        </button>
      </div>
      <div id="pay-days-body" hidden={!open}>
        <p className="muted">{t('payDays.lead')}</p>
        <p className="actions">
          <button type="button" className="button button--small" disabled={year <= FIRST_YEAR} onClick={() => setYear((y) => y - 1)}>
            {t('payDays.previous', { year: year - 1 })}
          </button>
          <button type="button" className="button button--small" disabled={year >= LAST_YEAR} onClick={() => setYear((y) => y + 1)}>
            {t('payDays.next', { year: year + 1 })}
          </button>
        </p>
        {!open ? null : days.isPending ? (
          <Loading />
        ) : days.isError ? (
          <ProblemNotice error={days.error} />
        ) : (
          <div className="table-wrap">
            <table className="table table--pay-days">
              <caption>{t('payDays.caption', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payDays.month')}</th>
                  {MONTHLY_PROGRAMS.map((p) => (
                    <th key={p} scope="col">
                      {programLabel(t, p)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {months.map((month) => (
                  <tr key={month}>
                    <th scope="row" className="nowrap">
                      {formatMonth(month, lang)}
                    </th>
                    {MONTHLY_PROGRAMS.map((p) => (
                      <PayDayCell key={p} day={find(p, month)} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
