import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse } from '../../test/render';
import { SessionStore } from './session';

const ME = {
  kind: 'official',
  name: 'jongno.investigator',
  sigungu_code: '11110',
  emd_code: null,
  roles: ['investigator'],
  programs: [],
  scopes: ['reference:read', 'registry:read'],
};

function token(name: string) {
  return { access_token: name, token_type: 'bearer', expires_in: 600, scope: 'registry:read' };
}

const unauthorized = () =>
  problemResponse({ type: 'https://ieum.go.kr/problems/unauthenticated', title: '인증 실패', status: 401, detail: '만료' });

/** A fake API: `routes` answers by "METHOD path"; every request is recorded. */
function stubApi(routes: Record<string, (request: Request) => Response>) {
  const seen: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((request: Request) => {
      seen.push(request);
      const key = `${request.method} ${new URL(request.url).pathname}`;
      const answer = routes[key];
      return Promise.resolve(answer ? answer(request) : jsonResponse({ title: 'no route', status: 404 }, 404));
    }),
  );
  return seen;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SessionStore', () => {
  it('restores a session from the refresh cookie on load', async () => {
    const seen = stubApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(token('A')),
      'GET /api/v1/auth/me': () => jsonResponse(ME),
    });
    const store = new SessionStore();
    await store.start();
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(store.getSnapshot().me?.name).toBe('jongno.investigator');
    expect(seen[0]?.headers.get('x-requested-with')).toBe('ieum-spa');
    expect(seen[1]?.headers.get('authorization')).toBe('Bearer A');
  });

  it('is anonymous (not expired) when there is no session to restore', async () => {
    stubApi({ 'POST /api/v1/auth/refresh': unauthorized });
    const store = new SessionStore();
    await store.start();
    expect(store.getSnapshot().status).toBe('anonymous');
  });

  it('retries a request once after refreshing when it is answered 401', async () => {
    let searches = 0;
    const seen = stubApi({
      'POST /api/v1/auth/token': () => jsonResponse(token('A')),
      'POST /api/v1/auth/refresh': () => jsonResponse(token('B')),
      'GET /api/v1/auth/me': () => jsonResponse(ME),
      'POST /api/v1/persons/search': () => {
        searches += 1;
        return searches === 1 ? unauthorized() : jsonResponse([]);
      },
    });
    const store = new SessionStore();
    await store.login('jongno.investigator', 'pw');
    const result = await store.api.POST('/api/v1/persons/search', { body: { name: '김민수' } });
    expect(result.data).toEqual([]);
    const sent = seen.filter((r) => r.url.endsWith('/persons/search'));
    expect(sent.map((r) => r.headers.get('authorization'))).toEqual(['Bearer A', 'Bearer B']);
    expect(await sent[1]?.text()).toBe(JSON.stringify({ name: '김민수' }));
    expect(store.getSnapshot().status).toBe('authenticated');
  });

  it('ends the session (expired) when the refresh is refused', async () => {
    stubApi({
      'POST /api/v1/auth/token': () => jsonResponse(token('A')),
      'POST /api/v1/auth/refresh': unauthorized,
      'GET /api/v1/auth/me': () => jsonResponse(ME),
      'POST /api/v1/persons/search': unauthorized,
    });
    const store = new SessionStore();
    await store.login('jongno.investigator', 'pw');
    const result = await store.api.POST('/api/v1/persons/search', { body: { name: '김민수' } });
    expect(result.response.status).toBe(401);
    expect(store.getSnapshot()).toMatchObject({ status: 'expired', me: null });
  });

  it('refreshes a minute before the token expires', async () => {
    vi.useFakeTimers();
    const seen = stubApi({
      'POST /api/v1/auth/token': () => jsonResponse(token('A')),
      'POST /api/v1/auth/refresh': () => jsonResponse(token('B')),
      'GET /api/v1/auth/me': () => jsonResponse(ME),
    });
    const store = new SessionStore();
    await store.login('jongno.investigator', 'pw');
    await vi.advanceTimersByTimeAsync(539_000);
    expect(seen.some((r) => r.url.endsWith('/auth/refresh'))).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(seen.some((r) => r.url.endsWith('/auth/refresh'))).toBe(true);
  });

  it('keeps the token out of web storage', async () => {
    stubApi({
      'POST /api/v1/auth/token': () => jsonResponse(token('secret-token')),
      'GET /api/v1/auth/me': () => jsonResponse(ME),
    });
    const store = new SessionStore();
    await store.login('jongno.investigator', 'pw');
    const stored = [window.localStorage, window.sessionStorage].flatMap((storage) =>
      Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i) ?? '') ?? ''),
    );
    expect(stored.join('\n')).not.toContain('secret-token');
  });
});
