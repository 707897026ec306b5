import type { ReactNode } from 'react';
import { formatNumber, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { failureLabel, holdReasonLabel, isLineStatus, LINE_STATUSES, lineStatusLabel } from './labels';
import type { ReportRow, RunReport } from './types';

interface Sums {
  count: number;
  gross: number;
  offset: number;
  net: number;
}

const ZERO: Sums = { count: 0, gross: 0, offset: 0, net: 0 };

function add(a: Sums, b: Sums): Sums {
  return { count: a.count + b.count, gross: a.gross + b.gross, offset: a.offset + b.offset, net: a.net + b.net };
}

/** The report's rows summed by one of their keys, in the order `order` gives. */
export function sumBy(rows: readonly ReportRow[], key: (row: ReportRow) => string): Map<string, Sums> {
  const sums = new Map<string, Sums>();
  for (const row of rows) sums.set(key(row), add(sums.get(key(row)) ?? ZERO, row));
  return sums;
}

function SumCells({ sums }: { sums: Sums }) {
  const { lang } = useI18n();
  return (
    <>
      <td className="num">{formatNumber(sums.count, lang)}</td>
      <td className="num">{formatWon(sums.gross, lang)}</td>
      <td className="num">{formatWon(sums.offset, lang)}</td>
      <td className="num">{formatWon(sums.net, lang)}</td>
    </>
  );
}

/** Counts and sums (지급액, 상계, 실지급액) by one grouping, with the total in the footer. */
function SumTable({ caption, keyLabel, groups, testId }: { caption: string; keyLabel: string; groups: [string, Sums][]; testId: string }) {
  const { t } = useI18n();
  const total = groups.reduce((acc, [, s]) => add(acc, s), ZERO);
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col" className="num">
              {t('report.count')}
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
          </tr>
        </thead>
        <tbody>
          {groups.map(([label, sums]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <SumCells sums={sums} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('report.total')}</th>
            <SumCells sums={total} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Reasons and how many lines each, or a sentence when there is none. */
function CountTable({ caption, keyLabel, counts, none, testId }: { caption: string; keyLabel: string; counts: [string, number][]; none: string; testId: string }) {
  const { t, lang } = useI18n();
  if (counts.length === 0) {
    return (
      <p className="muted" data-testid={testId}>
        {none}
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table table--narrow" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col" className="num">
              {t('report.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map(([label, count]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{formatNumber(count, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One of the run's control checks: passed or not, in words and with a mark. */
function Check({ ok, testId, children }: { ok: boolean; testId: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <li className={ok ? 'run-check run-check--ok' : 'run-check run-check--bad'} data-testid={testId}>
      <span className="run-check__mark" aria-hidden="true">
        {ok ? '✓' : '✗'}
      </span>{' '}
      <span className={`badge ${ok ? 'badge--run-completed' : 'badge--run-failed'}`}>{ok ? t('report.ok') : t('report.bad')}</span> {children}
    </li>
  );
}

/**
 * The run report: the control checks (ledger balanced, run total = sum of lines), the lines by status
 * and by 읍면동, holds and transfer failures by reason, and the run's ledger by account.
 */
export function RunReportView({ report }: { report: RunReport }) {
  const { t, lang } = useI18n();
  const byStatus = sumBy(report.rows, (r) => r.status);
  const statusGroups: [string, Sums][] = [
    ...LINE_STATUSES.filter((s) => byStatus.has(s)).map((s): [string, Sums] => [lineStatusLabel(t, s), byStatus.get(s) ?? ZERO]),
    ...[...byStatus].filter(([s]) => !isLineStatus(s)),
  ];
  const byEmd = sumBy(report.rows, (r) => r.emd_code ?? '');
  const emdGroups = [...byEmd]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([code, sums]): [string, Sums] => [code || t('report.noEmd'), sums]);
  const debit = report.ledger.reduce((s, b) => s + b.debit, 0);
  const credit = report.ledger.reduce((s, b) => s + b.credit, 0);
  const lineGross = report.rows.reduce((s, r) => s + r.gross, 0);

  return (
    <div className="run-report" data-testid="run-report">
      <ul className="run-checks" aria-label={t('report.checks')}>
        <Check ok={report.ledger_balanced} testId="check-ledger">
          {report.ledger_balanced
            ? t('report.balanced', { amount: formatWon(debit, lang) })
            : t('report.unbalanced', { debit: formatWon(debit, lang), credit: formatWon(credit, lang) })}
        </Check>
        <Check ok={report.lines_equal_total} testId="check-total">
          {report.lines_equal_total
            ? t('report.totalsEqual', { amount: formatWon(lineGross, lang) })
            : t('report.totalsDiffer', {
                total: report.run.total_gross === null ? '—' : formatWon(report.run.total_gross, lang),
                lines: formatWon(lineGross, lang),
              })}
        </Check>
      </ul>

      <h3 className="subheading">{t('report.byStatus')}</h3>
      <SumTable caption={t('report.byStatusCaption')} keyLabel={t('line.status')} groups={statusGroups} testId="report-status" />

      <h3 className="subheading">{t('report.byEmd')}</h3>
      <SumTable caption={t('report.byEmdCaption')} keyLabel={t('line.emd')} groups={emdGroups} testId="report-emd" />

      <div className="panels panels--2">
        <div>
          <h3 className="subheading">{t('report.holds')}</h3>
          <CountTable
            caption={t('report.holdsCaption')}
            keyLabel={t('report.reason')}
            counts={Object.entries(report.hold_reasons).map(([code, n]) => [holdReasonLabel(t, code), n])}
            none={t('report.noHolds')}
            testId="report-holds"
          />
        </div>
        <div>
          <h3 className="subheading">{t('report.failures')}</h3>
          <CountTable
            caption={t('report.failuresCaption')}
            keyLabel={t('report.reason')}
            counts={Object.entries(report.failure_reasons).map(([code, n]) => [`${failureLabel(t, code)} (${code})`, n])}
            none={t('report.noFailures')}
            testId="report-failures"
          />
        </div>
      </div>

      <h3 className="subheading">{t('report.ledger')}</h3>
      <div className="table-wrap">
        <table className="table table--narrow" data-testid="report-ledger">
          <caption className="visually-hidden">{t('report.ledgerCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.account')}</th>
              <th scope="col" className="num">
                {t('report.debit')}
              </th>
              <th scope="col" className="num">
                {t('report.credit')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.ledger.map((b) => (
              <tr key={b.account}>
                <th scope="row">
                  {b.label} <span className="muted small mono">{b.account}</span>
                </th>
                <td className="num">{formatWon(b.debit, lang)}</td>
                <td className="num">{formatWon(b.credit, lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('report.total')}</th>
              <td className="num">{formatWon(debit, lang)}</td>
              <td className="num">{formatWon(credit, lang)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
