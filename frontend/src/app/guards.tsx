import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { LoginState } from '../features/auth/LoginPage';
import { useSession } from '../features/auth/useSession';
import { useT } from '../shared/i18n/context';
import { Loading, Notice } from '../shared/ui/Notice';
import { PageTitle } from '../shared/ui/PageTitle';

/** Signed-in screens: while the session is being restored, wait; without one, go to sign-in and
 * remember this page to come back to. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  const t = useT();
  if (status === 'restoring') {
    return (
      <div className="splash">
        <Loading label={t('session.restoring')} />
      </div>
    );
  }
  if (status !== 'authenticated') {
    const state: LoginState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}

/** A screen that needs a scope the official may not have. */
export function RequireScope({ scope, children }: { scope: string; children: ReactNode }) {
  const { me } = useSession();
  const t = useT();
  if (!me?.scopes.includes(scope)) {
    return (
      <>
        <PageTitle title={t('forbidden.title')}>{t('forbidden.title')}</PageTitle>
        <Notice tone="warning">{t('forbidden.body')}</Notice>
      </>
    );
  }
  return children;
}
