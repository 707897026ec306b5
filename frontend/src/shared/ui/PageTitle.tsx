import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/context';

/** The page's heading (the target of focus after navigation) and the document title. */
export function PageTitle({ children, title, actions }: { children: ReactNode; title: string; actions?: ReactNode }) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page-title">
      <h1 tabIndex={-1} id="page-heading">
        {children}
      </h1>
      {actions ? <div className="page-title__actions">{actions}</div> : null}
    </div>
  );
}
