import type { VerificationResult } from '../../api/types';
import { formatDate } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { typeLabel } from './catalogue';

const SIGN = { valid: '✔', revoked: '✖', invalid: '?' } as const;

/** The answer of 진위확인, said in words first (the colour and sign only repeat it), and for a real
 * certificate what lets the reader match it to the paper in hand. */
export function VerifyResultView({ result }: { result: VerificationResult }) {
  const { t, lang } = useI18n();
  const { status } = result;
  return (
    <section className={`verify-result verify-result--${status}`} aria-labelledby="verify-result-title" data-testid="verify-result">
      <h2 id="verify-result-title" className="verify-result__title">
        <span aria-hidden="true">{SIGN[status]} </span>
        {t(`verify.status.${status}`)}
      </h2>
      <p className="verify-result__message">{result.message}</p>
      {status === 'invalid' ? null : (
        <dl className="details">
          <dt>{t('cert.type')}</dt>
          <dd>{result.certificate_type ? typeLabel(t, result.certificate_type, result.title ?? undefined) : (result.title ?? '—')}</dd>
          <dt>{t('cert.issuedOn')}</dt>
          <dd>{formatDate(result.issued_on, lang)}</dd>
          <dt>{t('cert.issuer')}</dt>
          <dd>{result.issuer ?? '—'}</dd>
          <dt>{t('verify.holder')}</dt>
          <dd>{result.holder_name ?? '—'}</dd>
        </dl>
      )}
    </section>
  );
}
