import type { InvestigationRead, ProgramCode } from '../../api/types';
import { formatDate, formatMonth, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { relationLabel } from '../registry/labels';
import { inProgramOrder } from './labels';
import { ProgramDetail, ProgramOverview } from '../simulation/SimulationResult';

interface Props {
  investigation: InvestigationRead;
  /** The programs applied for: shown first and in full; the others only in a table, for reference. */
  applied: readonly ProgramCode[];
}

/**
 * 소득인정액 산정 내역: the recognized income of the 소득 기준월 and, for each program applied for,
 * the result and its calculation trace — the same shape as the 모의계산 answer.
 */
export function AssessmentResult({ investigation, applied }: Props) {
  const { t, lang } = useI18n();
  const mine = inProgramOrder(investigation.results.filter((r) => applied.includes(r.program)));
  const others = investigation.results.filter((r) => !applied.includes(r.program));
  const names = new Map(investigation.members.map((m) => [m.member_id, `${m.name} (${relationLabel(t, m.relation)})`]));
  const memberLabel = (id: string) => names.get(id) ?? id;

  return (
    <div className="assessment" data-testid="assessment">
      <dl className="details details--inline">
        <dt>{t('inv.recognizedIncome')}</dt>
        <dd data-testid="recognized-income">
          {investigation.recognized_income === null ? t('inv.notComputed') : formatWon(investigation.recognized_income, lang)}
        </dd>
        <dt>{t('inv.incomeMonth')}</dt>
        <dd>{formatMonth(investigation.income_month, lang)}</dd>
        <dt>{t('inv.asOf')}</dt>
        <dd>{formatDate(investigation.as_of, lang)}</dd>
        <dt>{t('sim.householdSize')}</dt>
        <dd>{t('sim.persons', { n: investigation.members.length })}</dd>
      </dl>
      {investigation.results.length === 0 ? (
        <p className="muted">{t('inv.noResults')}</p>
      ) : (
        <>
          <ProgramOverview results={mine} caption={t('inv.appliedOverview')} testId="inv-overview" />
          <h3 className="subheading">{t('sim.details')}</h3>
          {mine.map((r) => (
            <ProgramDetail key={r.program} r={r} memberLabel={memberLabel} />
          ))}
          {others.length > 0 ? (
            <details className="trace others">
              <summary>{t('inv.otherPrograms', { count: others.length })}</summary>
              <ProgramOverview results={others} caption={t('inv.otherOverview')} linked={false} />
            </details>
          ) : null}
        </>
      )}
    </div>
  );
}
