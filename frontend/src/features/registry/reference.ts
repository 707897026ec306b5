import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/problem';
import type { SigunguRead } from '../../api/types';
import { api } from '../auth/session';

/** All 시군구 (reference data: read once per session). */
export function useSigungu() {
  return useQuery({
    queryKey: ['reference', 'sigungu'],
    queryFn: () => call(() => api.GET('/api/v1/reference/sigungu')),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function sigunguLabel(list: readonly SigunguRead[] | undefined, code: string): string {
  const found = list?.find((s) => s.code === code);
  return found ? `${found.sido_name} ${found.name}` : code;
}

/** 시군구 grouped by 시도, in code order, for a select with optgroups. */
export function groupBySido(list: readonly SigunguRead[]): { sido: string; items: SigunguRead[] }[] {
  const groups = new Map<string, { sido: string; items: SigunguRead[] }>();
  for (const item of list) {
    const group = groups.get(item.sido_code) ?? { sido: item.sido_name, items: [] };
    group.items.push(item);
    groups.set(item.sido_code, group);
  }
  return [...groups.values()];
}
