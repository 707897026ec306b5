/** Months as the payments API writes them: `YYYY-MM`. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month after the one `today` (YYYY-MM-DD) falls in: the run usually prepared next. */
export function nextMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The first and last year the pay-day calendar answers for (the API's bounds). */
export const FIRST_YEAR = 2025;
export const LAST_YEAR = 2100;

export function yearOf(month: string): number | null {
  if (!isMonth(month)) return null;
  const year = Number(month.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : null;
}
