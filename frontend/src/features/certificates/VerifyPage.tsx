import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fieldMessages, messagesByField, problemText, summaryText, type FieldMessage } from '../../shared/errors';
import { useI18n } from '../../shared/i18n/context';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { Loading, Notice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { PublicFrame } from '../../shared/ui/PublicFrame';
import { useSession } from '../auth/useSession';
import { RateLimitedError, useVerification, type VerifyQuery } from './queries';
import { VerifyResultView } from './VerifyResult';

const IDS = { number: 'verify-number', code: 'verify-code' } as const;
const CONTROL: Record<string, string> = { document_number: IDS.number, number: IDS.number, code: IDS.code };

/** The pair in the address (the link a certificate's QR code holds), when both are there. */
function fromAddress(params: URLSearchParams): VerifyQuery | null {
  const number = params.get('number')?.trim() ?? '';
  const code = params.get('code')?.trim() ?? '';
  return number && code ? { number, code, attempt: 0 } : null;
}

function VerifyScreen() {
  const { t } = useI18n();
  const { status } = useSession();
  const [params] = useSearchParams();
  const [number, setNumber] = useState(() => params.get('number') ?? '');
  const [code, setCode] = useState(() => params.get('code') ?? '');
  const [query, setQuery] = useState<VerifyQuery | null>(() => fromAddress(params));
  const [missing, setMissing] = useState<FieldMessage[]>([]);
  const [attempt, setAttempt] = useState(0);
  const verification = useVerification(query);

  const error = verification.error;
  const limited = error instanceof RateLimitedError ? error : null;
  const server = limited ? [] : fieldMessages(error, t);
  const messages = missing.length > 0 ? missing : server;
  const byField = messagesByField(messages.map((m) => ({ ...m, field: m.field === 'number' ? 'document_number' : m.field })));
  const summary = missing.length > 0 || limited ? null : summaryText(error, server, t);
  const labels: Record<string, string> = { document_number: t('verify.number'), number: t('verify.number'), code: t('verify.code') };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found: FieldMessage[] = [];
    if (!number.trim()) found.push({ field: 'document_number', message: t('verify.numberRequired') });
    if (!code.trim()) found.push({ field: 'code', message: t('verify.codeRequired') });
    setMissing(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    setQuery((q) => ({ number: number.trim(), code: code.trim(), attempt: (q?.attempt ?? 0) + 1 }));
  };

  return (
    <PublicFrame subtitle={t('verify.brand')} mainClass="verify__main" cardClass="verify__card">
      <PageTitle title={t('verify.title')}>{t('verify.title')}</PageTitle>
      <p className="muted">{t('verify.lead')}</p>
      <form className="form" onSubmit={submit} noValidate aria-label={t('verify.title')}>
        <ErrorSummary
          messages={messages}
          summary={summary}
          focusKey={missing.length > 0 ? attempt : error}
          controlId={(f) => CONTROL[f] ?? null}
          labelOf={(f) => labels[f] ?? null}
        />
        <Field id={IDS.number} label={t('verify.number')} hint={t('verify.numberHint')} required error={byField.get('document_number')}>
          {(c) => (
            <input {...c} className="input mono" autoComplete="off" spellCheck={false} maxLength={40} value={number} onChange={(e) => setNumber(e.target.value)} />
          )}
        </Field>
        <Field id={IDS.code} label={t('verify.code')} hint={t('verify.codeHint')} required error={byField.get('code')}>
          {(c) => (
            <input
              {...c}
              className="input mono"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={verification.isFetching}>
            {verification.isFetching ? t('verify.checking') : t('verify.submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {verification.isFetching ? <Loading label={t('verify.checking')} /> : null}
        {limited ? (
          <Notice tone="error">
            {limited.retryAfter ? t('verify.rateLimitedFor', { seconds: limited.retryAfter }) : problemText(limited, t)}
          </Notice>
        ) : null}
        {verification.data && !verification.isFetching ? <VerifyResultView result={verification.data} /> : null}
      </div>
      <p className="hint verify__privacy">{t('verify.privacy')}</p>
      {status === 'authenticated' ? (
        <p>
          <Link to="/">{t('verify.toWork')}</Link>
        </p>
      ) : null}
    </PublicFrame>
  );
}

/**
 * 증명서 진위확인 (`/verify`), public: a bank clerk or a school checks a certificate by its 문서번호 and
 * 문서확인번호. Outside the signed-in frame and without a token, so it reads the same for anyone; a
 * link from the QR code (`?number=…&code=…`) is checked as soon as the page opens.
 *
 * The answers live in a cache of the page's own: the app's cache is cleared when the session turns
 * out to be anonymous, which would check the certificate a second time (each check is counted).
 */
export function VerifyPage() {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } } }));
  return (
    <QueryClientProvider client={client}>
      <VerifyScreen />
    </QueryClientProvider>
  );
}
