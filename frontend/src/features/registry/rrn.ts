/**
 * The masked 주민등록번호 field: the digits typed are kept as they are, but shown masked after the
 * 7th digit ("900101-1******"), as on the paper forms. These helpers map between the digits and
 * what the field shows.
 */
export const RRN_DIGITS = 13;
const FRONT = 6;

/** What the field shows for these digits. */
export function maskRrn(digits: string): string {
  if (digits.length <= FRONT) return digits;
  return `${digits.slice(0, FRONT)}-${digits.slice(FRONT, FRONT + 1)}${'*'.repeat(digits.length - FRONT - 1)}`;
}

/** Caret position in the shown text → number of digits before it. */
function digitIndex(position: number): number {
  return position <= FRONT ? position : position - 1;
}

/** Number of digits before the caret → caret position in the shown text. */
export function caretPosition(digitsBefore: number, total: number): number {
  if (digitsBefore < FRONT || (digitsBefore === FRONT && total <= FRONT)) return digitsBefore;
  return digitsBefore + 1;
}

export interface RrnEdit {
  digits: string;
  caret: number;
}

/**
 * Applies an edit of the shown text to the digits. `next` is the field's new text, `caret` the caret
 * position after the edit (null when unknown), `backward` whether a deletion was a Backspace.
 */
export function applyRrnEdit(
  digits: string,
  next: string,
  caret: number | null,
  backward = true,
): RrnEdit {
  const shown = maskRrn(digits);
  const end = caret ?? next.length;
  // Text after the caret is unchanged by the edit.
  const suffix = Math.min(next.length - end, shown.length);
  let prefix = 0;
  const prefixLimit = Math.min(end, shown.length - suffix);
  while (prefix < prefixLimit && shown[prefix] === next[prefix]) prefix += 1;
  const removedFrom = prefix;
  const removedTo = shown.length - suffix;
  const inserted = next.slice(prefix, end).replace(/\D+/g, '');

  let from = digitIndex(removedFrom);
  let to = digitIndex(removedTo);
  if (from === to && inserted === '' && removedTo > removedFrom) {
    // Only the hyphen was deleted: delete the digit beside it instead.
    if (backward) from = Math.max(0, from - 1);
    else to = Math.min(digits.length, to + 1);
  }
  const room = RRN_DIGITS - (digits.length - (to - from));
  const added = inserted.slice(0, Math.max(0, room));
  const result = digits.slice(0, from) + added + digits.slice(to);
  return { digits: result, caret: caretPosition(from + added.length, result.length) };
}
