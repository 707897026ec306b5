import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/problem';
import { purpose } from '../../api/purpose';
import type { HouseholdRead, PersonRead } from '../../api/types';
import { api } from '../auth/session';

export interface SearchCriteria {
  name: string;
  birthDate: string;
}

export const registryKeys = {
  person: (id: string) => ['persons', id] as const,
  household: (id: string) => ['households', id] as const,
  search: (c: SearchCriteria) => ['persons', 'search', c.name, c.birthDate] as const,
};

export function usePersonSearch(
  criteria: SearchCriteria | null,
  why: 'search' | 'pickPerson' | 'pickApplicant' = 'search',
) {
  return useQuery({
    queryKey: criteria ? [...registryKeys.search(criteria), why] : ['persons', 'search', 'none'],
    enabled: criteria !== null,
    queryFn: () =>
      call(() =>
        api.POST('/api/v1/persons/search', {
          params: purpose(why),
          body: criteria?.birthDate ? { name: criteria.name, birth_date: criteria.birthDate } : { name: criteria?.name ?? '' },
        }),
      ),
  });
}

export function usePerson(id: string, enabled = true) {
  return useQuery({
    queryKey: registryKeys.person(id),
    enabled,
    queryFn: () =>
      call(() => api.GET('/api/v1/persons/{person_id}', { params: { path: { person_id: id }, ...purpose('personRead') } })),
  });
}

export function useHousehold(id: string, enabled = true) {
  return useQuery({
    queryKey: registryKeys.household(id),
    enabled,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/households/{household_id}', {
          params: { path: { household_id: id }, ...purpose('householdRead') },
        }),
      ),
  });
}

/** Keeps the cache in step after a write (the answer is the new state). */
export function useRegistryCache() {
  const client = useQueryClient();
  return {
    person: (person: PersonRead) => client.setQueryData(registryKeys.person(person.id), person),
    household: (household: HouseholdRead) => {
      client.setQueryData(registryKeys.household(household.id), household);
      // Members' person pages show their household: read them afresh.
      for (const m of household.members) void client.invalidateQueries({ queryKey: registryKeys.person(m.person_id) });
      void client.invalidateQueries({ queryKey: ['persons', 'search'] });
    },
  };
}

/** 주민등록번호 lookup: the number goes in the body only, and is not kept in any cache. */
export function useRrnLookup() {
  return useMutation({
    gcTime: 0,
    mutationFn: (rrn: string) =>
      call(() => api.POST('/api/v1/persons/lookup', { params: purpose('lookup'), body: { rrn } })),
  });
}

/** Shows the full number for a stated reason (recorded in the 접속기록). */
export function useRrnReveal(personId: string) {
  return useMutation({
    gcTime: 0,
    mutationFn: (reason: string) =>
      call(() =>
        api.POST('/api/v1/persons/{person_id}/rrn', {
          params: { path: { person_id: personId }, ...purpose('rrnReveal') },
          body: { reason },
        }),
      ),
  });
}
