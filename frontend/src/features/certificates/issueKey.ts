/**
 * The `Idempotency-Key` of a 발급: one key per intended issuance. Sending the same request again
 * (a double click, a retry after no answer) reuses its key, so the API answers the first
 * certificate instead of issuing a second; a different request, or the next issuance after a
 * success, gets a new key.
 */
export interface IssueKey {
  /** The request the key was made for (its body as sent). */
  fingerprint: string;
  key: string;
}

/** A fresh random key: 128 bits, hex. `getRandomValues` works outside secure contexts too. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key for sending `fingerprint` now: the last one while the request is the same, else a new one. */
export function keyForAttempt(last: IssueKey | null, fingerprint: string, make: () => string = newIdempotencyKey): IssueKey {
  return last !== null && last.fingerprint === fingerprint ? last : { fingerprint, key: make() };
}

/** What to remember after an answer: nothing once a certificate was issued (the next one is new). */
export function keyAfterAnswer(used: IssueKey, issued: boolean): IssueKey | null {
  return issued ? null : used;
}
