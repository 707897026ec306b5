import type { Lang } from './i18n/messages';

const locales: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US' };

/** An integer amount of won with thousands separators: "1,234,000원" / "₩1,234,000". */
export function formatWon(amount: number, lang: Lang): string {
  const digits = Math.round(amount).toLocaleString(locales[lang]);
  return lang === 'ko' ? `${digits}원` : `₩${digits}`;
}

export function formatNumber(value: number, lang: Lang): string {
  return value.toLocaleString(locales[lang]);
}

/** A date-time from the API, shown in Korea's time zone. */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locales[lang], {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/**
 * A calendar date from the API (YYYY-MM-DD) as officials write it: "2026. 11. 2." in Korean,
 * "Nov 2, 2026" in English. Read as a plain date, never through a time zone, so it cannot shift a
 * day. Anything else is shown as it is.
 */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y = '', m = '', d = ''] = match;
  if (lang === 'ko') return `${y}. ${Number(m)}. ${Number(d)}.`;
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).toLocaleDateString(locales.en, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

/** A month from the API (YYYY-MM-01): "2026. 10." / "Oct 2026". */
export function formatMonth(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y = '', m = ''] = match;
  if (lang === 'ko') return `${y}. ${Number(m)}.`;
  return new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleDateString(locales.en, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
  });
}

/** Today in Korea as YYYY-MM-DD. */
export function todayInKorea(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts;
}

/** Digits only, for amount inputs ("1,200,000" → "1200000"). */
export function digitsOnly(text: string): string {
  return text.replace(/\D+/g, '');
}
