import { Link } from 'react-router';
import { visibleNav } from '../../app/nav';
import type { CaseState } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { isRole, SCOPES, type Role } from '../auth/scopes';
import { useHasScope, useSession } from '../auth/useSession';
import { ApplicationTable } from '../cases/ApplicationTable';
import { useApplications, useOverdue } from '../cases/queries';

const SHORTCUT_HELP: Record<string, MessageKey> = {
  '/applications': 'dashboard.help.applications',
  '/applications/new': 'dashboard.help.intake',
  '/applications/overdue': 'dashboard.help.overdue',
  '/certificates': 'dashboard.help.certificates',
  '/payments': 'dashboard.help.payments',
  '/persons/search': 'dashboard.help.search',
  '/persons/new': 'dashboard.help.personNew',
  '/households/new': 'dashboard.help.householdNew',
  '/simulation': 'dashboard.help.simulation',
};

interface QueueSpec {
  key: string;
  title: MessageKey;
  empty: MessageKey;
  state?: CaseState;
}

/** The work each duty picks up from the dashboard: what is waiting for it, newest first. */
const QUEUES: Partial<Record<Role, readonly QueueSpec[]>> = {
  intake: [{ key: 'recent', title: 'queue.recent', empty: 'queue.recentEmpty' }],
  investigator: [
    { key: 'received', title: 'queue.toInvestigate', empty: 'queue.toInvestigateEmpty', state: 'received' },
    { key: 'investigating', title: 'queue.investigating', empty: 'queue.investigatingEmpty', state: 'investigating' },
  ],
  decision_maker: [{ key: 'investigated', title: 'queue.toDecide', empty: 'queue.toDecideEmpty', state: 'investigated' }],
};

const QUEUE_SIZE = 10;

function Queue({ spec }: { spec: QueueSpec }) {
  const t = useT();
  const list = useApplications({ state: spec.state, limit: QUEUE_SIZE });
  const headingId = `queue-${spec.key}-title`;
  const count = list.data?.length ?? 0;
  const title = t(spec.title);
  return (
    <section className="queue" aria-labelledby={headingId} data-testid={`queue-list-${spec.key}`}>
      <h3 id={headingId} className="queue__title">
        {title}{' '}
        {list.data ? (
          <span className="badge badge--count">
            {count >= QUEUE_SIZE ? t('queue.countMore', { count }) : t('queue.count', { count })}
          </span>
        ) : null}
      </h3>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ProblemNotice error={list.error} />
      ) : count === 0 ? (
        <p className="muted">{t(spec.empty)}</p>
      ) : (
        <ApplicationTable rows={list.data} caption={title} captionHidden />
      )}
      <p className="queue__more">
        <Link to={spec.state ? `/applications?state=${spec.state}` : '/applications'}>{t('queue.all', { title })}</Link>
      </p>
    </section>
  );
}

/** 처리기한 경과 (법 제26조): how many undecided applications are past their deadline. */
function OverdueSummary() {
  const t = useT();
  const overdue = useOverdue();
  const count = overdue.data?.length ?? 0;
  return (
    <section
      className={count > 0 ? 'queue queue--overdue queue--alert' : 'queue queue--overdue'}
      aria-labelledby="queue-overdue-title"
      data-testid="queue-overdue"
    >
      <h3 id="queue-overdue-title" className="queue__title">
        {t('queue.overdue')}
      </h3>
      {overdue.isPending ? (
        <Loading />
      ) : overdue.isError ? (
        <ProblemNotice error={overdue.error} />
      ) : (
        <p className="queue__count">
          {count > 0 ? <span aria-hidden="true">⚠ </span> : null}
          <Link to="/applications/overdue">{count > 0 ? t('queue.overdueCount', { count }) : t('queue.overdueNone')}</Link>
        </p>
      )}
    </section>
  );
}

/** The start screen: the duty's shortcuts, and its work queues. */
export function DashboardPage() {
  const t = useT();
  const { me } = useSession();
  const canReadApplications = useHasScope(SCOPES.applicationsRead);
  if (!me) return null;
  const shortcuts = visibleNav(me.scopes).filter((item) => item.to !== '/');
  const roles = me.roles.filter(isRole);

  return (
    <>
      <PageTitle title={t('dashboard.title')}>{t('dashboard.title')}</PageTitle>
      <p className="muted">{t('dashboard.greeting', { name: me.name })}</p>

      <section aria-labelledby="queues-title" className="section">
        <h2 id="queues-title">{t('dashboard.queues')}</h2>
        {canReadApplications ? <OverdueSummary /> : null}
        {roles.map((role) => {
          const queues = canReadApplications ? QUEUES[role] : undefined;
          if (!queues) {
            return (
              <div key={role} className="card card--empty" data-testid={`queue-${role}`}>
                <h3 className="card__title">{t(`queue.${role}`)}</h3>
                <p className="card__body">{t('dashboard.queueEmpty')}</p>
              </div>
            );
          }
          return (
            <div key={role} className="queues" data-testid={`queue-${role}`}>
              {queues.map((spec) => (
                <Queue key={spec.key} spec={spec} />
              ))}
            </div>
          );
        })}
      </section>

      <section aria-labelledby="shortcuts-title" className="section">
        <h2 id="shortcuts-title">{t('dashboard.shortcuts')}</h2>
        {shortcuts.length === 0 ? (
          <p>{t('dashboard.noShortcuts')}</p>
        ) : (
          <ul className="cards">
            {shortcuts.map((item) => (
              <li key={item.to} className="card card--link">
                <Link to={item.to} className="card__title">
                  {t(item.label)}
                </Link>
                {SHORTCUT_HELP[item.to] ? <p className="card__body">{t(SHORTCUT_HELP[item.to] as MessageKey)}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
