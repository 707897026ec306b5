import { Link } from 'react-router';
import { formatDate, formatMonth, formatNumber, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { sigunguLabel, useSigungu } from '../registry/reference';
import { programLabel } from './labels';
import { RunProgressBar, RunStateBadge } from './RunProgressBar';
import type { RunRead } from './types';

/** A sum the run has once it completed ("—" before). */
function Amount({ value }: { value: number | null }) {
  const { lang } = useI18n();
  return <td className="num">{value === null ? '—' : formatWon(value, lang)}</td>;
}

/** The 시군구's payment runs, newest month first: the program opens the run. */
export function RunTable({ runs }: { runs: readonly RunRead[] }) {
  const { t, lang } = useI18n();
  const sigungu = useSigungu();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="run-table">
        <caption>{t('runs.caption', { count: runs.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('run.program')}</th>
            <th scope="col">{t('run.month')}</th>
            <th scope="col">{t('run.sigungu')}</th>
            <th scope="col">{t('run.state')}</th>
            <th scope="col">{t('run.progress')}</th>
            <th scope="col" className="num">
              {t('run.lineCount')}
            </th>
            <th scope="col" className="num">
              {t('run.gross')}
            </th>
            <th scope="col" className="num">
              {t('run.offset')}
            </th>
            <th scope="col" className="num">
              {t('run.net')}
            </th>
            <th scope="col">{t('run.payDate')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const name = `${programLabel(t, run.program)} ${formatMonth(run.month, lang)}`;
            return (
              <tr key={run.id}>
                <th scope="row">
                  <Link to={`/payments/runs/${run.id}`}>
                    {programLabel(t, run.program)}
                    {' '}
                    <span className="visually-hidden">{formatMonth(run.month, lang)}</span>
                  </Link>
                </th>
                <td className="nowrap">{formatMonth(run.month, lang)}</td>
                <td>{sigunguLabel(sigungu.data, run.sigungu_code)}</td>
                <td>
                  <RunStateBadge run={run} />
                </td>
                <td className="cell-progress">
                  <RunProgressBar run={run} label={t('run.progressOf', { name })} compact />
                </td>
                <td className="num">{run.line_count === null ? '—' : formatNumber(run.line_count, lang)}</td>
                <Amount value={run.total_gross} />
                <Amount value={run.total_offset} />
                <Amount value={run.total_net} />
                <td className="nowrap">
                  {formatDate(run.pay_date, lang)}
                  {run.pay_date_reason ? <span className="muted small"> ({t('payDay.movedShort')})</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
