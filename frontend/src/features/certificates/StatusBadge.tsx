import { useT } from '../../shared/i18n/context';

/** A certificate's standing in words (the colour only repeats what the words say). */
export function CertificateStatusBadge({ status }: { status: string }) {
  const t = useT();
  const revoked = status === 'revoked';
  return <span className={`badge ${revoked ? 'badge--cert-revoked' : 'badge--cert-valid'}`}>{t(revoked ? 'certStatus.revoked' : 'certStatus.valid')}</span>;
}
