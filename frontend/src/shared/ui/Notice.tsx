import type { ReactNode } from 'react';
import { problemText } from '../errors';
import { useT } from '../i18n/context';

type Tone = 'info' | 'success' | 'warning' | 'error';

export function Notice({ tone = 'info', children, live }: { tone?: Tone; children: ReactNode; live?: boolean }) {
  const role = tone === 'error' ? 'alert' : live ? 'status' : undefined;
  return (
    <div className={`notice notice--${tone}`} role={role}>
      {children}
    </div>
  );
}

/** An API error that is not about one field, as a sentence (with the correlation id on a 500). */
export function ProblemNotice({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  return <Notice tone="error">{problemText(error, t)}</Notice>;
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}
