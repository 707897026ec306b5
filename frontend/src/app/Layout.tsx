import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { isRole } from '../features/auth/scopes';
import { session } from '../features/auth/session';
import { useSession } from '../features/auth/useSession';
import { sigunguLabel, useSigungu } from '../features/registry/reference';
import { useT } from '../shared/i18n/context';
import { LanguageSwitch } from '../shared/i18n/LanguageSwitch';
import { visibleNav } from './nav';

export function SideNav({ scopes }: { scopes: readonly string[] }) {
  const t = useT();
  return (
    <nav className="sidenav" aria-label={t('nav.label')}>
      <ul>
        {visibleNav(scopes).map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end ?? false} className="sidenav__link">
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Jurisdiction({ sigungu, emd }: { sigungu: string | null; emd: string | null }) {
  const t = useT();
  const { data } = useSigungu();
  if (!sigungu) return null;
  return (
    <span className="header__item" data-testid="jurisdiction">
      <span className="header__label">{t('header.jurisdiction')}</span>{' '}
      {sigunguLabel(data, sigungu)} ({sigungu})
      {emd ? (
        <>
          {' · '}
          {t('header.emd')} {emd}
        </>
      ) : null}
    </span>
  );
}

/** The signed-in frame: header (user, duties, jurisdiction, language, sign out), left navigation,
 * and the page. Focus moves to the page heading after each navigation. */
export function Layout() {
  const t = useT();
  const { me } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-heading')?.focus();
  }, [location.pathname]);

  if (!me) return null;
  const duties = me.roles.map((role) => (isRole(role) ? t(`role.${role}`) : role)).join(', ');

  const signOut = async () => {
    await session.logout();
    void navigate('/login', { replace: true });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="header">
        <span className="brand">
          <span className="brand__mark">이음</span>
          <span className="brand__name">{t('app.subtitle')}</span>
        </span>
        <div className="header__info">
          <span className="header__item" data-testid="user-name">
            <span className="header__label">{t('header.user')}</span> {me.name}
          </span>
          <span className="header__item" data-testid="duties">
            <span className="header__label">{t('header.duties')}</span> {duties || '—'}
          </span>
          <Jurisdiction sigungu={me.sigungu_code} emd={me.emd_code} />
        </div>
        <div className="header__actions">
          <LanguageSwitch />
          <button type="button" className="button button--quiet" onClick={signOut}>
            {t('header.signOut')}
          </button>
        </div>
      </header>
      <div className="shell__body">
        <SideNav scopes={me.scopes} />
        <main id="main" className="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
