import { Link } from 'react-router';
import type { ApplicationSummary } from '../../api/types';
import { formatDate } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { DeadlineText } from './Deadline';
import { channelLabel, inProgramOrder, programLabel } from './labels';
import { StateBadge } from './StateBadge';

interface Props {
  rows: readonly ApplicationSummary[];
  caption: string;
  /** Hides the caption visually when a heading right above already says it. */
  captionHidden?: boolean;
  testId?: string;
}

/** Applications with their programs' states and the 처리기한; the applicant's name opens the case. */
export function ApplicationTable({ rows, caption, captionHidden, testId }: Props) {
  const { t, lang } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('case.applicant')}</th>
            <th scope="col">{t('case.appliedOn')}</th>
            <th scope="col">{t('case.channel')}</th>
            <th scope="col">{t('case.programsStates')}</th>
            <th scope="col">{t('case.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link to={`/applications/${a.id}`}>{a.applicant_name}</Link>
              </th>
              <td>{formatDate(a.applied_on, lang)}</td>
              <td>{channelLabel(t, a.channel)}</td>
              <td>
                <ul className="program-states">
                  {inProgramOrder(a.programs).map((p) => (
                    <li key={p.id}>
                      {programLabel(t, p.program)} <StateBadge state={p.state} />
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <DeadlineText deadline={a.deadline} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
