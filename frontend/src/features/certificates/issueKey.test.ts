import { describe, expect, it } from 'vitest';
import { keyAfterAnswer, keyForAttempt, newIdempotencyKey } from './issueKey';

function counter() {
  let n = 0;
  return () => `key-${String(++n)}`;
}

describe('Idempotency-Key of a 발급', () => {
  it('makes a key for the first attempt', () => {
    expect(keyForAttempt(null, 'A', counter())).toEqual({ fingerprint: 'A', key: 'key-1' });
  });

  it('sends the same key when the same request is sent again (a retry, a double click)', () => {
    const make = counter();
    const first = keyForAttempt(null, 'A', make);
    const again = keyForAttempt(keyAfterAnswer(first, false), 'A', make);
    expect(again.key).toBe('key-1');
  });

  it('makes a new key once the request differs', () => {
    const make = counter();
    const first = keyForAttempt(null, 'A', make);
    expect(keyForAttempt(first, 'B', make).key).toBe('key-2');
  });

  it('makes a new key for the next issuance after a success, even of the same request', () => {
    const make = counter();
    const first = keyForAttempt(null, 'A', make);
    expect(keyAfterAnswer(first, true)).toBeNull();
    expect(keyForAttempt(keyAfterAnswer(first, true), 'A', make).key).toBe('key-2');
  });

  it('draws random keys the API accepts (visible ASCII, at most 255)', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});
