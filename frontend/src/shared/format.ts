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
