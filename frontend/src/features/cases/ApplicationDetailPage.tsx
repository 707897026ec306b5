import { Link, useNavigate, useParams } from 'react-router';
import type { ApplicationRead } from '../../api/types';
import { problemText } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { useI18n, useT } from '../../shared/i18n/context';
import { Flash } from '../../shared/ui/Flash';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { SCOPES } from '../auth/scopes';
import { useHasScope } from '../auth/useSession';
import { CaseActions } from './CaseActions';
import { CaseHistory } from './CaseHistory';
import { DeadlineText } from './Deadline';
import { channelLabel, extensionLabel, inProgramOrder, programLabel } from './labels';
import { useApplication, useStartInvestigation } from './queries';
import { StateBadge } from './StateBadge';

function Programs({ application }: { application: ApplicationRead }) {
  const t = useT();
  const canRead = useHasScope(SCOPES.decisionsRead);
  const canDecide = useHasScope(SCOPES.decisionsWrite);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="application-programs">
        <caption className="visually-hidden">{t('detail.programs')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('detail.program')}</th>
            <th scope="col">{t('detail.state')}</th>
            <th scope="col">{t('detail.refusals')}</th>
            {canRead ? <th scope="col">{t('detail.decision')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {inProgramOrder(application.programs).map((p) => {
            const name = programLabel(t, p.program);
            const to = `/applications/${application.id}/decision/${p.program}`;
            return (
              <tr key={p.id}>
                <th scope="row">{name}</th>
                <td>
                  <StateBadge state={p.state} />
                </td>
                <td>{p.investigation_refusals > 0 ? t('detail.refusalCount', { count: p.investigation_refusals }) : '—'}</td>
                {canRead ? (
                  <td>
                    {p.decision_id ? (
                      <Link to={to} aria-label={t('detail.decisionViewFor', { program: name })}>
                        {t('detail.decisionView')}
                      </Link>
                    ) : p.state === 'investigated' && canDecide ? (
                      <Link className="button button--small button--primary" to={to} aria-label={t('detail.decideFor', { program: name })}>
                        {t('detail.decide')}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** 신청 상세: who applied for what, the deadline, each program's state, what may be done next (by
 * duty), and the 사례 이력. */
export function ApplicationDetailPage() {
  const { applicationId = '' } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const application = useApplication(applicationId);
  const canReadPerson = useHasScope(SCOPES.registryRead);
  const canInvestigate = useHasScope(SCOPES.investigationsWrite);
  const canReadInvestigation = useHasScope(SCOPES.investigationsRead);
  const start = useStartInvestigation();

  if (application.isPending || application.isError) {
    return (
      <>
        <PageTitle title={t('detail.title')}>{t('detail.title')}</PageTitle>
        {application.isPending ? <Loading /> : <ProblemNotice error={application.error} />}
        <p>
          <Link to="/applications">{t('detail.back')}</Link>
        </p>
      </>
    );
  }
  const a = application.data;
  const name = a.applicant_name ?? '—';
  const mayStart = canInvestigate && !a.investigation_id && a.programs.some((p) => p.state === 'received');
  const actions = (
    <>
      {mayStart ? (
        <button
          type="button"
          className="button button--primary"
          disabled={start.isPending}
          onClick={() =>
            start.mutate(a.id, { onSuccess: (inv) => void navigate(`/investigations/${inv.id}`, { state: { flash: 'inv.started' } }) })
          }
        >
          {start.isPending ? t('detail.starting') : t('detail.startInvestigation')}
        </button>
      ) : null}
      {a.investigation_id && canReadInvestigation ? (
        <Link className="button" to={`/investigations/${a.investigation_id}`}>
          {t('detail.openInvestigation')}
        </Link>
      ) : null}
    </>
  );

  return (
    <>
      <PageTitle title={`${name} — ${t('detail.title')}`} actions={actions}>
        {name} <span className="subtitle">{t('detail.title')}</span>
      </PageTitle>
      <Flash />
      {start.isError ? <Notice tone="error">{problemText(start.error, t)}</Notice> : null}
      {a.deadline.overdue ? (
        <Notice tone="warning">
          <span aria-hidden="true">⚠ </span>
          {t('detail.overdueWarning', { days: Math.abs(a.deadline.days_left), due: formatDate(a.deadline.due, lang) })}
        </Notice>
      ) : null}
      <section className="panel" aria-labelledby="detail-summary">
        <h2 id="detail-summary">{t('detail.summary')}</h2>
        <dl className="details">
          <dt>{t('case.applicant')}</dt>
          <dd>{canReadPerson ? <Link to={`/persons/${a.applicant_person_id}`}>{name}</Link> : name}</dd>
          <dt>{t('case.appliedOn')}</dt>
          <dd>{formatDate(a.applied_on, lang)}</dd>
          <dt>{t('case.deadline')}</dt>
          <dd>
            <DeadlineText deadline={a.deadline} />
            {a.deadline.extended && a.deadline.extension_detail ? (
              <span className="muted small">
                {' '}
                ({a.deadline.extension_reason ? `${extensionLabel(t, a.deadline.extension_reason)}: ` : ''}
                {a.deadline.extension_detail})
              </span>
            ) : null}
          </dd>
          <dt>{t('case.channel')}</dt>
          <dd>{channelLabel(t, a.channel)}</dd>
          <dt>{t('case.emd')}</dt>
          <dd>{a.emd_name ?? a.emd_code ?? '—'}</dd>
          <dt>{t('detail.residence')}</dt>
          <dd>{t(a.residence_basis === 'actual' ? 'detail.residence.actual' : 'detail.residence.registered')}</dd>
          <dt>{t('detail.receivedBy')}</dt>
          <dd>{a.received_by}</dd>
          <dt>{t('detail.privacyNotice')}</dt>
          <dd>
            {t('detail.privacyNoticeValue', {
              version: a.privacy_notice_version,
              date: formatDate(a.privacy_notice_given_on, lang),
            })}
          </dd>
        </dl>
      </section>
      <section className="section" aria-labelledby="detail-programs">
        <h2 id="detail-programs">{t('detail.programs')}</h2>
        <Programs application={a} />
      </section>
      <section className="panel" aria-labelledby="detail-actions">
        <h2 id="detail-actions">{t('detail.actions')}</h2>
        <CaseActions application={a} onReload={() => void application.refetch()} />
      </section>
      <section className="section" aria-labelledby="detail-history">
        <h2 id="detail-history">{t('detail.history')}</h2>
        <CaseHistory applicationId={a.id} />
      </section>
    </>
  );
}
