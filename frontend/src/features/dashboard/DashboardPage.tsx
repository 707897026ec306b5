import { Link } from 'react-router';
import { visibleNav } from '../../app/nav';
import { useT } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { PageTitle } from '../../shared/ui/PageTitle';
import { isRole } from '../auth/scopes';
import { useSession } from '../auth/useSession';

const SHORTCUT_HELP: Record<string, MessageKey> = {
  '/persons/search': 'dashboard.help.search',
  '/persons/new': 'dashboard.help.personNew',
  '/households/new': 'dashboard.help.householdNew',
  '/simulation': 'dashboard.help.simulation',
};

/** The start screen: the duty's shortcuts, and the work queues (none yet: the application, 조사,
 * 결정 and 지급 capabilities will fill them). */
export function DashboardPage() {
  const t = useT();
  const { me } = useSession();
  if (!me) return null;
  const shortcuts = visibleNav(me.scopes).filter((item) => item.to !== '/');
  const roles = me.roles.filter(isRole);

  return (
    <>
      <PageTitle title={t('dashboard.title')}>{t('dashboard.title')}</PageTitle>
      <p className="muted">{t('dashboard.greeting', { name: me.name })}</p>

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

      <section aria-labelledby="queues-title" className="section">
        <h2 id="queues-title">{t('dashboard.queues')}</h2>
        <p className="muted">{t('dashboard.queuesNone')}</p>
        <ul className="cards">
          {roles.map((role) => (
            <li key={role} className="card card--empty" data-testid={`queue-${role}`}>
              <h3 className="card__title">{t(`queue.${role}`)}</h3>
              <p className="card__body">{t('dashboard.queueEmpty')}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
