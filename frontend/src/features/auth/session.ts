/**
 * The signed-in session. The access token lives in this object only (never in web storage); the
 * refresh token is an HttpOnly cookie the script cannot read. On a reload the session is restored
 * through `POST /auth/refresh`; the token is refreshed a minute before it expires, and a request
 * answered 401 is retried once after a refresh. When the refresh is refused the session is over
 * (`expired`), and the screens send the user back to sign-in.
 */
import { call } from '../../api/problem';
import { createApiClient, REQUESTED_WITH, type ApiClient } from '../../api/client';
import type { Me, TokenResponse } from '../../api/types';

export type SessionStatus = 'restoring' | 'anonymous' | 'authenticated' | 'expired';

export interface SessionSnapshot {
  readonly status: SessionStatus;
  readonly me: Me | null;
  /** true after the user signed out on purpose (the sign-in screen says so). */
  readonly signedOut: boolean;
}

export type RefreshOutcome = 'ok' | 'refused' | 'error';

/** Seconds before expiry at which the token is refreshed. */
const REFRESH_AHEAD = 60;
const MIN_DELAY = 5;
const RETRY_AFTER_ERROR = 15;

export class SessionStore {
  readonly api: ApiClient;
  private readonly auth: ApiClient;
  private snapshot: SessionSnapshot = { status: 'restoring', me: null, signedOut: false };
  private readonly listeners = new Set<() => void>();
  private token: string | null = null;
  private expiresAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<RefreshOutcome> | null = null;
  private starting: Promise<void> | null = null;

  constructor() {
    this.auth = createApiClient();
    this.api = createApiClient((request) => this.authorizedFetch(request));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

  get scopes(): readonly string[] {
    return this.snapshot.me?.scopes ?? [];
  }

  /** Restores a session from the refresh cookie, once (on page load). */
  start(): Promise<void> {
    this.starting ??= (async () => {
      const outcome = await this.refresh();
      if (outcome === 'ok' && (await this.loadMe())) return;
      this.clear();
      this.set({ status: 'anonymous', me: null, signedOut: false });
    })();
    return this.starting;
  }

  /** Password sign-in. Throws an ApiError (401 with the reason) when refused. */
  async login(username: string, password: string): Promise<void> {
    const issued = await call(() =>
      this.auth.POST('/api/v1/auth/token', {
        body: { grant_type: 'password', username, password },
        bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    );
    this.accept(issued);
    if (!(await this.loadMe())) {
      this.clear();
      throw new Error('me');
    }
  }

  /** Signs out: the server revokes the refresh token family and clears the cookie. */
  async logout(): Promise<void> {
    try {
      await this.auth.POST('/api/v1/auth/logout', {
        params: { header: { 'x-requested-with': REQUESTED_WITH } },
      });
    } catch {
      // Signed out here all the same; the cookie expires on its own.
    }
    this.clear();
    this.set({ status: 'anonymous', me: null, signedOut: true });
  }

  /**
   * Exchanges the refresh cookie for a new access token; concurrent callers share one request. Other
   * tabs of the same browser wait their turn (a Web Lock), since the cookie is rotated on each use
   * and the same cookie sent twice would end the session.
   */
  refresh(): Promise<RefreshOutcome> {
    const locks = typeof navigator === 'undefined' ? undefined : (navigator as Partial<Navigator>).locks;
    const run = locks
      ? async (): Promise<RefreshOutcome> => await locks.request('ieum.auth.refresh', () => this.doRefresh())
      : () => this.doRefresh();
    this.refreshing ??= run().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** The session is gone (refresh refused): forget everything and tell the screens. */
  expire(): void {
    const wasSignedIn = this.snapshot.status === 'authenticated';
    this.clear();
    this.set({ status: wasSignedIn ? 'expired' : 'anonymous', me: null, signedOut: false });
  }

  /** `fetch` for the API client: adds the bearer token and retries once after a refresh on 401. */
  async authorizedFetch(request: Request): Promise<Response> {
    // The body is read once, so that the request can be sent again (a plain buffer, not a stream).
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const sentWith = this.token;
    const response = await globalThis.fetch(this.withToken(request, body, sentWith));
    if (response.status !== 401 || this.snapshot.status === 'anonymous') return response;
    // Another request may have refreshed the token meanwhile: then just retry with the new one.
    if (this.token === sentWith || this.token === null) {
      const outcome = await this.refresh();
      if (outcome !== 'ok') {
        if (outcome === 'refused') this.expire();
        return response;
      }
    }
    const second = await globalThis.fetch(this.withToken(request, body, this.token));
    if (second.status === 401) this.expire();
    return second;
  }

  private async doRefresh(): Promise<RefreshOutcome> {
    let result;
    try {
      result = await this.auth.POST('/api/v1/auth/refresh', {
        params: { header: { 'x-requested-with': REQUESTED_WITH } },
      });
    } catch {
      return 'error';
    }
    if (result.data !== undefined) {
      this.accept(result.data);
      return 'ok';
    }
    const status = result.response.status;
    return status === 401 || status === 403 ? 'refused' : 'error';
  }

  private async loadMe(): Promise<boolean> {
    try {
      const me = await call(() => this.api.GET('/api/v1/auth/me'));
      this.set({ status: 'authenticated', me, signedOut: false });
      return true;
    } catch {
      return false;
    }
  }

  private accept(issued: TokenResponse): void {
    this.token = issued.access_token;
    this.expiresAt = Date.now() + issued.expires_in * 1000;
    this.schedule(Math.max(MIN_DELAY, issued.expires_in - REFRESH_AHEAD));
  }

  private schedule(seconds: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.refresh().then((outcome) => {
        if (outcome === 'refused') this.expire();
        else if (outcome === 'error' && this.token !== null) {
          // The server could not be reached: try again until the token runs out.
          const left = (this.expiresAt - Date.now()) / 1000;
          if (left > MIN_DELAY) this.schedule(Math.min(RETRY_AFTER_ERROR, left - MIN_DELAY));
          else this.expire();
        }
      });
    }, seconds * 1000);
  }

  private withToken(request: Request, body: ArrayBuffer | undefined, token: string | null): Request {
    const headers = new Headers(request.headers);
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    const init: RequestInit = { method: request.method, headers, credentials: request.credentials, signal: request.signal };
    if (body !== undefined) init.body = body;
    return new Request(request.url, init);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.token = null;
    this.expiresAt = 0;
  }

  private set(next: SessionSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

export const session = new SessionStore();
/** The API client every screen uses: signed in, with the 401 → refresh → retry rule. */
export const api = session.api;
