import { useSyncExternalStore } from 'react';
import { session, type SessionSnapshot } from './session';

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** The scopes in force for the signed-in official (from `GET /auth/me`). */
export function useScopes(): readonly string[] {
  return useSession().me?.scopes ?? [];
}

export function useHasScope(scope: string | undefined): boolean {
  const scopes = useScopes();
  return scope === undefined || scopes.includes(scope);
}
