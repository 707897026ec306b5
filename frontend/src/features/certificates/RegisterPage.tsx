import { useSearchParams } from 'react-router';
import type { CertificateCode } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { CERTIFICATE_CODES, typeLabel } from './catalogue';
import { CertificateTable } from './CertificateTable';
import { useCatalogue, useCertificates } from './queries';
import { ReprintView, useReprint } from './Reprint';

const PAGE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateParam(value: string | null): string | undefined {
  return value !== null && DATE.test(value) ? value : undefined;
}

/** 발급대장: certificates issued in the jurisdiction, newest first, whatever the channel; filtered
 * by type and issue dates. The filters live in the address, so a filtered list can be linked. */
export function RegisterPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const catalogue = useCatalogue();
  const rawType = params.get('type');
  const type = rawType !== null && (CERTIFICATE_CODES as readonly string[]).includes(rawType) ? (rawType as CertificateCode) : undefined;
  const issuedFrom = dateParam(params.get('from'));
  const issuedTo = dateParam(params.get('to'));
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const reversed = issuedFrom !== undefined && issuedTo !== undefined && issuedFrom > issuedTo;
  const list = useCertificates({ type, issuedFrom, issuedTo, limit: PAGE, offset }, 'certificateRegister', !reversed);
  const reprint = useReprint();

  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // A new filter starts at the first page.
    if (!('offset' in patch)) next.delete('offset');
    setParams(next, { replace: true });
  };

  const rows = list.data ?? [];
  const caption = [t('register.caption'), type ? typeLabel(t, type) : null].filter(Boolean).join(' · ');

  return (
    <>
      <PageTitle title={t('register.title')}>{t('register.title')}</PageTitle>
      <p className="muted">{t('register.lead')}</p>
      <form className="form-row filters" aria-label={t('register.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field id="register-type" label={t('cert.type')}>
          {(c) => (
            <select {...c} className="input" value={type ?? ''} onChange={(e) => set({ type: e.target.value })}>
              <option value="">{t('list.all')}</option>
              {(catalogue.data?.types ?? []).map((ct) => (
                <option key={ct.code} value={ct.code}>
                  {typeLabel(t, ct.code, ct.title)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="register-from" label={t('register.from')}>
          {(c) => <input {...c} className="input" type="date" value={issuedFrom ?? ''} onChange={(e) => set({ from: e.target.value })} />}
        </Field>
        <Field id="register-to" label={t('register.to')} error={reversed ? t('register.reversed') : undefined}>
          {(c) => <input {...c} className="input" type="date" value={issuedTo ?? ''} onChange={(e) => set({ to: e.target.value })} />}
        </Field>
      </form>
      <section className="section" aria-labelledby="register-results" aria-busy={list.isFetching}>
        <h2 id="register-results">{t('register.results')}</h2>
        {reversed ? null : list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ProblemNotice error={list.error} />
        ) : rows.length === 0 ? (
          <p>{t('register.none')}</p>
        ) : (
          <>
            <CertificateTable
              rows={rows}
              caption={`${caption} (${t('register.range', { from: offset + 1, to: offset + rows.length })})`}
              showHolder
              onReprint={reprint.open}
              pendingNumber={reprint.pending}
              testId="certificate-register"
            />
            {offset > 0 || rows.length === PAGE ? (
              <p className="actions">
                <button type="button" className="button button--small" disabled={offset === 0} onClick={() => set({ offset: String(Math.max(0, offset - PAGE)) })}>
                  {t('register.previous')}
                </button>
                <button type="button" className="button button--small" disabled={rows.length < PAGE} onClick={() => set({ offset: String(offset + PAGE) })}>
                  {t('register.next')}
                </button>
              </p>
            ) : null}
          </>
        )}
        <ReprintView reprint={reprint} />
      </section>
    </>
  );
}
