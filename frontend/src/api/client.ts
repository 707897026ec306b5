import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export type ApiClient = Client<paths>;

/** Sent with the cookie-carrying auth calls; the API refuses them without it (CSRF guard). */
export const REQUESTED_WITH = 'ieum-spa';

function origin(): string {
  return typeof window === 'undefined' ? 'http://127.0.0.1' : window.location.origin;
}

/**
 * A typed client of the API described by ../openapi.yaml. `fetchImpl` gets every request; the
 * default looks `fetch` up at call time (so tests can replace it).
 */
export function createApiClient(fetchImpl?: (request: Request) => Promise<Response>): ApiClient {
  return createClient<paths>({
    baseUrl: origin(),
    credentials: 'same-origin',
    fetch: fetchImpl ?? ((request: Request) => globalThis.fetch(request)),
  });
}
