import { Link } from 'react-router';
import { formatDate } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { PROGRAMS, programLabel } from './labels';
import { useOverdue } from './queries';

/** 처리기한 경과: undecided applications past their deadline (법 제26조), most overdue first. */
export function OverduePage() {
  const { t, lang } = useI18n();
  const overdue = useOverdue();
  return (
    <>
      <PageTitle title={t('overdue.title')}>{t('overdue.title')}</PageTitle>
      <p className="muted">{t('overdue.lead')}</p>
      <section className="section" aria-labelledby="overdue-results">
        <h2 id="overdue-results">{t('overdue.results')}</h2>
        {overdue.isPending ? (
          <Loading />
        ) : overdue.isError ? (
          <ProblemNotice error={overdue.error} />
        ) : overdue.data.length === 0 ? (
          <p className="notice notice--success">{t('overdue.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="overdue-list">
              <caption>{t('overdue.caption', { count: overdue.data.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('case.applicant')}</th>
                  <th scope="col">{t('case.emd')}</th>
                  <th scope="col">{t('case.appliedOn')}</th>
                  <th scope="col">{t('overdue.openPrograms')}</th>
                  <th scope="col">{t('case.deadline')}</th>
                  <th scope="col" className="num">
                    {t('overdue.daysOverdue')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {overdue.data.map((item) => (
                  <tr key={item.application_id}>
                    <th scope="row">
                      <Link to={`/applications/${item.application_id}`}>{item.applicant_name}</Link>
                    </th>
                    <td>{item.emd_name ?? '—'}</td>
                    <td>{formatDate(item.applied_on, lang)}</td>
                    <td>{PROGRAMS.filter((p) => item.programs.includes(p)).map((p) => programLabel(t, p)).join(', ')}</td>
                    <td>
                      {formatDate(item.due, lang)}
                      {item.extended ? (
                        <>
                          {' '}
                          <span className="badge badge--extended">{t('deadline.extended')}</span>
                        </>
                      ) : null}
                    </td>
                    <td className="num">
                      <span className="badge badge--overdue">
                        <span aria-hidden="true">⚠ </span>
                        {t('deadline.overdue', { days: item.days_overdue })}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
