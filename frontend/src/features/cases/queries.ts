import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/problem';
import { purpose } from '../../api/purpose';
import type {
  ApplicationCreate,
  ApplicationRead,
  CaseState,
  DecisionCreate,
  DecisionRead,
  EvidenceCreate,
  ExtensionReason,
  FactsIn,
  InvestigationRead,
  ProgramCode,
} from '../../api/types';
import { api } from '../auth/session';

export interface ApplicationFilters {
  state?: CaseState | undefined;
  program?: ProgramCode | undefined;
  personId?: string | undefined;
  limit?: number | undefined;
}

export const caseKeys = {
  applications: ['applications'] as const,
  list: (f: ApplicationFilters) =>
    ['applications', 'list', f.state ?? '', f.program ?? '', f.personId ?? '', f.limit ?? 50] as const,
  overdue: ['applications', 'overdue'] as const,
  application: (id: string) => ['applications', 'one', id] as const,
  history: (id: string) => ['applications', 'one', id, 'history'] as const,
  investigation: (id: string) => ['investigations', id] as const,
  proposal: (applicationId: string, program: string) => ['decisions', 'proposal', applicationId, program] as const,
  decision: (id: string) => ['decisions', 'one', id] as const,
};

export function useApplications(filters: ApplicationFilters, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(filters),
    enabled,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/applications', {
          params: {
            query: {
              state: filters.state ?? null,
              program: filters.program ?? null,
              person_id: filters.personId ?? null,
              limit: filters.limit ?? 50,
            },
            ...purpose('applicationList'),
          },
        }),
      ),
  });
}

export function useOverdue(enabled = true) {
  return useQuery({
    queryKey: caseKeys.overdue,
    enabled,
    queryFn: () => call(() => api.GET('/api/v1/applications/overdue', { params: purpose('overdueList') })),
  });
}

export function useApplication(id: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.application(id),
    enabled,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/applications/{application_id}', {
          params: { path: { application_id: id }, ...purpose('applicationRead') },
        }),
      ),
  });
}

export function useHistory(id: string) {
  return useQuery({
    queryKey: caseKeys.history(id),
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/applications/{application_id}/history', {
          params: { path: { application_id: id }, ...purpose('applicationHistory') },
        }),
      ),
  });
}

export function useInvestigation(id: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.investigation(id),
    enabled,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/investigations/{investigation_id}', {
          params: { path: { investigation_id: id }, ...purpose('investigationRead') },
        }),
      ),
  });
}

export function useProposal(applicationId: string, program: ProgramCode) {
  return useQuery({
    queryKey: caseKeys.proposal(applicationId, program),
    // The proposal carries the case version a decision must quote: always read it afresh.
    staleTime: 0,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/decisions/proposal', {
          params: { query: { application_id: applicationId, program }, ...purpose('proposal') },
        }),
      ),
  });
}

export function useDecision(id: string | null | undefined) {
  return useQuery({
    queryKey: caseKeys.decision(id ?? ''),
    enabled: Boolean(id),
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/decisions/{decision_id}', {
          params: { path: { decision_id: id ?? '' }, ...purpose('decisionRead') },
        }),
      ),
  });
}

/** Keeps the cache in step after a write: the answer is the new state, and lists are read again. */
export function useCaseCache() {
  const client = useQueryClient();
  return {
    application: (read: ApplicationRead) => {
      client.setQueryData(caseKeys.application(read.id), read);
      void client.invalidateQueries({ queryKey: caseKeys.history(read.id) });
      void client.invalidateQueries({ queryKey: ['applications', 'list'] });
      void client.invalidateQueries({ queryKey: caseKeys.overdue });
    },
    investigation: (read: InvestigationRead) => {
      client.setQueryData(caseKeys.investigation(read.id), read);
      // The application's program states and its history follow every investigation step.
      void client.invalidateQueries({ queryKey: caseKeys.application(read.application_id) });
      void client.invalidateQueries({ queryKey: ['applications', 'list'] });
      void client.invalidateQueries({ queryKey: ['decisions', 'proposal', read.application_id] });
    },
    decided: (decision: DecisionRead) => {
      client.setQueryData(caseKeys.decision(decision.id), decision);
      void client.invalidateQueries({ queryKey: caseKeys.application(decision.application_id) });
      void client.invalidateQueries({ queryKey: ['applications', 'list'] });
      void client.invalidateQueries({ queryKey: caseKeys.overdue });
      void client.invalidateQueries({ queryKey: ['decisions', 'proposal', decision.application_id] });
    },
  };
}

export function useCreateApplication() {
  return useMutation({
    mutationFn: (body: ApplicationCreate) =>
      call(() => api.POST('/api/v1/applications', { params: purpose('applicationCreate'), body })),
  });
}

/** The case actions on an application (each answers the application as it now is). */
export type ApplicationAction =
  | { kind: 'withdrawal'; programs: ProgramCode[] | null; reason: string }
  | { kind: 'extension'; reason: ExtensionReason; detail: string }
  | { kind: 'refusal'; note: string }
  | { kind: 'dismissal'; reason: string };

export function useApplicationAction(application: ApplicationRead) {
  const cache = useCaseCache();
  return useMutation({
    mutationFn: (action: ApplicationAction) => {
      const path = { application_id: application.id };
      const version = application.version;
      switch (action.kind) {
        case 'withdrawal':
          return call(() =>
            api.POST('/api/v1/applications/{application_id}/withdrawal', {
              params: { path, ...purpose('withdrawal') },
              body: { reason: action.reason, version, programs: action.programs },
            }),
          );
        case 'extension':
          return call(() =>
            api.POST('/api/v1/applications/{application_id}/extension', {
              params: { path, ...purpose('extension') },
              body: { reason: action.reason, detail: action.detail, version },
            }),
          );
        case 'refusal':
          return call(() =>
            api.POST('/api/v1/applications/{application_id}/refusals', {
              params: { path, ...purpose('refusal') },
              body: { note: action.note, version },
            }),
          );
        case 'dismissal':
          return call(() =>
            api.POST('/api/v1/applications/{application_id}/dismissal', {
              params: { path, ...purpose('dismissal') },
              body: { reason: action.reason, version },
            }),
          );
      }
    },
    onSuccess: cache.application,
  });
}

export function useStartInvestigation() {
  const cache = useCaseCache();
  return useMutation({
    mutationFn: (applicationId: string) =>
      call(() =>
        api.POST('/api/v1/investigations', {
          params: purpose('investigationStart'),
          body: { application_id: applicationId },
        }),
      ),
    onSuccess: cache.investigation,
  });
}

/** The steps of an open investigation; each sends the version read and answers the new state. */
export type InvestigationStep =
  | { kind: 'facts'; facts: FactsIn; reason: string }
  | { kind: 'evidence'; body: Omit<EvidenceCreate, 'version'> }
  | { kind: 'void'; evidenceId: string; reason: string }
  | { kind: 'gather' }
  | { kind: 'complete' }
  | { kind: 'reopen'; reason: string };

export function useInvestigationStep(investigation: InvestigationRead) {
  const cache = useCaseCache();
  return useMutation({
    mutationFn: (step: InvestigationStep) => {
      const path = { investigation_id: investigation.id };
      const version = investigation.version;
      switch (step.kind) {
        case 'facts':
          return call(() =>
            api.PUT('/api/v1/investigations/{investigation_id}/facts', {
              params: { path, ...purpose('investigationFacts') },
              body: { facts: step.facts, reason: step.reason, version },
            }),
          );
        case 'evidence':
          return call(() =>
            api.POST('/api/v1/investigations/{investigation_id}/evidence', {
              params: { path, ...purpose('evidenceAdd') },
              body: { ...step.body, version },
            }),
          );
        case 'void':
          return call(() =>
            api.POST('/api/v1/investigations/{investigation_id}/evidence/{evidence_id}/void', {
              params: { path: { ...path, evidence_id: step.evidenceId }, ...purpose('evidenceVoid') },
              body: { reason: step.reason, version },
            }),
          );
        case 'gather':
          return call(() =>
            api.POST('/api/v1/investigations/{investigation_id}/gathering', {
              params: { path, ...purpose('regather') },
              body: { version },
            }),
          );
        case 'complete':
          return call(() =>
            api.POST('/api/v1/investigations/{investigation_id}/completion', {
              params: { path, ...purpose('investigationComplete') },
              body: { version },
            }),
          );
        case 'reopen':
          return call(() =>
            api.POST('/api/v1/investigations/{investigation_id}/reopening', {
              params: { path, ...purpose('investigationReopen') },
              body: { reason: step.reason, version },
            }),
          );
      }
    },
    onSuccess: cache.investigation,
  });
}

export function useDecide() {
  const cache = useCaseCache();
  return useMutation({
    mutationFn: (body: DecisionCreate) => call(() => api.POST('/api/v1/decisions', { params: purpose('decide'), body })),
    onSuccess: cache.decided,
  });
}

/** The 결정통지서 the decision would produce (PDF, marked 미리보기); nothing is stored. */
export function usePreview() {
  return useMutation({
    gcTime: 0,
    mutationFn: (body: DecisionCreate) =>
      call(() => api.POST('/api/v1/decisions/preview', { params: purpose('noticePreview'), body, parseAs: 'blob' })),
  });
}

/** The 결정통지서 as sent (each print is an 출력 entry in the 접속기록). */
export function useNotice() {
  return useMutation({
    gcTime: 0,
    mutationFn: (decisionId: string) =>
      call(() =>
        api.GET('/api/v1/decisions/{decision_id}/notice', {
          params: { path: { decision_id: decisionId }, ...purpose('noticePrint') },
          parseAs: 'blob',
        }),
      ),
  });
}
