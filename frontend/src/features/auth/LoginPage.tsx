import { useState, type SubmitEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/problem';
import { problemText } from '../../shared/errors';
import { useI18n } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Notice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { PublicFrame } from '../../shared/ui/PublicFrame';
import { session } from './session';
import { useSession } from './useSession';

export interface LoginState {
  /** Where to go after signing in (the page the user was on). */
  from?: string;
}

export function LoginPage() {
  const { t } = useI18n();
  const { status, signedOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as LoginState | null)?.from;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await session.login(username.trim(), password);
      setPassword('');
      void navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (cause) {
      setError(cause instanceof ApiError && cause.status === 401 ? (cause.problem.detail ?? t('login.refused')) : problemText(cause, t));
      setBusy(false);
    }
  };

  return (
    <PublicFrame subtitle={t('app.subtitle')} mainClass="login__main" cardClass="login__card">
      <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
      <p className="muted">{t('login.lead')}</p>
      {status === 'expired' ? <Notice tone="warning" live>{t('login.expired')}</Notice> : null}
      {signedOut ? <Notice tone="success" live>{t('login.signedOut')}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <form onSubmit={submit} noValidate aria-label={t('login.title')}>
        <Field id="login-username" label={t('login.username')} required>
          {(control) => (
            <input
              {...control}
              className="input"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field id="login-password" label={t('login.password')} required>
          {(control) => (
            <input
              {...control}
              className="input"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p className="hint">{t('login.notice')}</p>
    </PublicFrame>
  );
}
