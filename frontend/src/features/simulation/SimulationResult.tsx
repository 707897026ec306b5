import type { ProgramResult, SimulationResponse, TraceStep } from '../../api/types';
import { formatDate, formatNumber, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import type { Translate } from '../../shared/i18n/context';
import type { Lang } from '../../shared/i18n/messages';

interface Props {
  result: SimulationResponse;
  /** How to name a member in the answer (m1 → "가구원 1 · 세대주"). */
  memberLabel: (memberId: string) => string;
}

function Status({ status }: { status: ProgramResult['status'] }) {
  const { t } = useI18n();
  return <span className={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}

function Uncertain({ reason }: { reason: string }) {
  const { t } = useI18n();
  return (
    <span className="uncertain">
      <span className="badge badge--uncertain">{t('sim.uncertain')}</span> <span className="uncertain__reason">{reason}</span>
    </span>
  );
}

function won(amount: number | null | undefined, lang: Lang): string {
  return amount === null || amount === undefined ? '—' : formatWon(amount, lang);
}

/** The remarks column: 의료급여 grade, 교육급여 annual amount, 수선유지, 긴급지원 months. */
function remarks(r: ProgramResult, t: Translate, lang: Lang): string[] {
  const out: string[] = [];
  if (r.grade !== null && r.grade !== undefined) out.push(t('sim.grade', { grade: r.grade }));
  if (r.annual_amount !== null && r.annual_amount !== undefined && r.status === 'eligible') {
    out.push(t('sim.annual', { amount: formatWon(r.annual_amount, lang) }));
  }
  if (r.repair) out.push(t('sim.repair', { rate: r.repair.support_rate_percent }));
  if (r.duration) out.push(t('sim.duration', { months: r.duration.months, max: r.duration.max_months }));
  return out;
}

function traceValue(value: TraceStep['value'], lang: Lang): string {
  if (value === null) return '—';
  return typeof value === 'number' ? formatNumber(value, lang) : value;
}

function Trace({ steps, caption }: { steps: TraceStep[]; caption: string }) {
  const { t, lang } = useI18n();
  if (steps.length === 0) return <p className="muted">{t('sim.noTrace')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table--trace">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trace.step')}</th>
            <th scope="col" className="num">
              {t('trace.value')}
            </th>
            <th scope="col">{t('trace.reference')}</th>
            <th scope="col">{t('trace.effective')}</th>
            <th scope="col">{t('trace.note')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i} className={s.uncertain ? 'row--uncertain' : undefined}>
              <th scope="row">{s.step}</th>
              <td className="num">{traceValue(s.value, lang)}</td>
              <td>{s.reference ?? '—'}</td>
              <td className="nowrap">{formatDate(s.effective_from, lang)}</td>
              <td>
                {s.note ? <span>{s.note}</span> : null}
                {s.note && s.uncertain ? ' ' : null}
                {s.uncertain ? <Uncertain reason={s.uncertain} /> : null}
                {!s.note && !s.uncertain ? '—' : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface DetailProps {
  r: ProgramResult;
  memberLabel: Props['memberLabel'];
  /** The heading level, so the section fits the page's outline (h4 under the result's h3). */
  heading?: 'h3' | 'h4';
}

/** One program: its outcome and amount, members, 수선유지 levels, and the calculation trace. */
export function ProgramDetail({ r, memberLabel, heading: Heading = 'h4' }: DetailProps) {
  const { t, lang } = useI18n();
  const name = t(`program.${r.program}`);
  const uncertain = r.trace.filter((s) => s.uncertain).length;
  return (
    <section className="program" aria-labelledby={`program-${r.program}`} data-testid={`program-${r.program}`}>
      <Heading id={`program-${r.program}`} className="program__title">
        {name} <Status status={r.status} />
        {r.monthly_amount !== null && r.status === 'eligible' ? (
          <span className="program__amount">{t('sim.monthly', { amount: formatWon(r.monthly_amount, lang) })}</span>
        ) : null}
      </Heading>
      {r.members.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('sim.memberCaption', { program: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sim.memberCol')}</th>
                <th scope="col">{t('sim.statusCol')}</th>
                <th scope="col" className="num">
                  {t('sim.monthlyCol')}
                </th>
                <th scope="col" className="num">
                  {t('sim.annualCol')}
                </th>
                <th scope="col" className="num">
                  {t('sim.recognizedCol')}
                </th>
                <th scope="col" className="num">
                  {t('sim.thresholdCol')}
                </th>
                <th scope="col">{t('trace.note')}</th>
              </tr>
            </thead>
            <tbody>
              {r.members.map((m) => (
                <tr key={m.member_id}>
                  <th scope="row">{memberLabel(m.member_id)}</th>
                  <td>
                    <Status status={m.status} />
                  </td>
                  <td className="num">{won(m.monthly_amount, lang)}</td>
                  <td className="num">{won(m.annual_amount, lang)}</td>
                  <td className="num">{won(m.recognized_income, lang)}</td>
                  <td className="num">{won(m.threshold, lang)}</td>
                  <td>
                    {[m.note, m.amount_pending_confirmation ? t('sim.pending') : null].filter(Boolean).join(' · ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {r.repair ? (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('sim.repairCaption', { rate: r.repair.support_rate_percent })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sim.repairLevel')}</th>
                <th scope="col" className="num">
                  {t('sim.repairLimit')}
                </th>
                <th scope="col" className="num">
                  {t('sim.repairCycle')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.repair.levels.map((l) => (
                <tr key={l.level}>
                  <th scope="row">{t(`repair.${l.level}`)}</th>
                  <td className="num">{formatWon(l.limit, lang)}</td>
                  <td className="num">{t('sim.years', { n: l.cycle_years })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <details className="trace" open={r.status === 'eligible' || uncertain > 0}>
        <summary>
          {t('sim.traceSummary', { count: r.trace.length })}
          {uncertain > 0 ? (
            <>
              {' '}
              <span className="badge badge--uncertain">{t('sim.uncertainCount', { count: uncertain })}</span>
            </>
          ) : null}
        </summary>
        <Trace steps={r.trace} caption={t('sim.traceCaption', { program: name })} />
      </details>
    </section>
  );
}

interface OverviewProps {
  results: readonly ProgramResult[];
  caption: string;
  testId?: string;
  /** Whether each program's name links to its detail (false when the details are not shown). */
  linked?: boolean;
}

/** Every program in one table: outcome, monthly amount, 소득인정액 and 선정기준액, remarks. Each
 * program's name links to its detail below. */
export function ProgramOverview({ results, caption, testId, linked = true }: OverviewProps) {
  const { t, lang } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sim.programCol')}</th>
            <th scope="col">{t('sim.statusCol')}</th>
            <th scope="col" className="num">
              {t('sim.monthlyCol')}
            </th>
            <th scope="col" className="num">
              {t('sim.recognizedCol')}
            </th>
            <th scope="col" className="num">
              {t('sim.thresholdCol')}
            </th>
            <th scope="col">{t('trace.note')}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.program}>
              <th scope="row">
                {linked ? <a href={`#program-${r.program}`}>{t(`program.${r.program}`)}</a> : t(`program.${r.program}`)}
              </th>
              <td>
                <Status status={r.status} />
              </td>
              <td className="num">{won(r.monthly_amount, lang)}</td>
              <td className="num">{won(r.recognized_income, lang)}</td>
              <td className="num">{won(r.threshold, lang)}</td>
              <td>{remarks(r, t, lang).join(' · ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The answer of 모의계산: an overview of every program, then each program's members and trace. */
export function SimulationResult({ result, memberLabel }: Props) {
  const { t, lang } = useI18n();
  return (
    <div className="sim-result">
      <dl className="details details--inline">
        <dt>{t('sim.asOf')}</dt>
        <dd>{result.as_of}</dd>
        <dt>{t('sim.householdSize')}</dt>
        <dd>{t('sim.persons', { n: result.household_size })}</dd>
        <dt>{t('sim.median')}</dt>
        <dd>{formatWon(result.standard_median_income, lang)}</dd>
      </dl>
      <ProgramOverview results={result.results} caption={t('sim.overview')} testId="sim-overview" />
      <h3 className="subheading">{t('sim.details')}</h3>
      {result.results.map((r) => (
        <ProgramDetail key={r.program} r={r} memberLabel={memberLabel} />
      ))}
    </div>
  );
}
