import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/problem';
import { purpose } from '../../api/purpose';
import { api } from '../auth/session';
import { isWorking } from './runState';
import type { LineActionCode, LineRead, LineStatus, RunCreate, RunRead } from './types';

/** How often a running run is read again (the job runner works a chunk in about a second). */
export const POLL_MS = 1500;

export const paymentKeys = {
  all: ['payments'] as const,
  runs: ['payments', 'runs'] as const,
  run: (id: string) => ['payments', 'run', id] as const,
  report: (id: string) => ['payments', 'run', id, 'report'] as const,
  lines: (id: string, status: LineStatus | undefined, limit: number, offset: number) =>
    ['payments', 'run', id, 'lines', status ?? '', limit, offset] as const,
  payDays: (year: number) => ['payments', 'pay-days', year] as const,
  bankFiles: (id: string) => ['payments', 'run', id, 'bank-files'] as const,
};

/** The 시군구's runs, newest month first; read again while any of them is still running. */
export function useRuns(pollMs = POLL_MS) {
  return useQuery({
    queryKey: paymentKeys.runs,
    refetchInterval: (query) => (query.state.data?.some(isWorking) ? pollMs : false),
    queryFn: () => call(() => api.GET('/api/v1/payments/runs', { params: { query: { limit: 50 }, ...purpose('paymentRuns') } })),
  });
}

/** One run; polled while it runs, and once it completes its report and lines are read afresh. */
export function useRun(id: string, pollMs = POLL_MS) {
  const client = useQueryClient();
  return useQuery({
    queryKey: paymentKeys.run(id),
    staleTime: 0,
    refetchInterval: (query) => (isWorking(query.state.data) ? pollMs : false),
    queryFn: async () => {
      const before = client.getQueryData<RunRead>(paymentKeys.run(id));
      const run = await call(() =>
        api.GET('/api/v1/payments/runs/{run_id}', { params: { path: { run_id: id }, ...purpose('paymentRuns') } }),
      );
      if (before && before.state !== run.state) {
        void client.invalidateQueries({ queryKey: paymentKeys.report(id) });
        void client.invalidateQueries({ queryKey: [...paymentKeys.run(id), 'lines'] });
        void client.invalidateQueries({ queryKey: paymentKeys.runs });
      }
      return run;
    },
  });
}

export function useReport(id: string, enabled: boolean) {
  return useQuery({
    queryKey: paymentKeys.report(id),
    enabled,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/payments/runs/{run_id}/report', { params: { path: { run_id: id }, ...purpose('paymentReport') } }),
      ),
  });
}

export interface LineQuery {
  status?: LineStatus | undefined;
  limit: number;
  offset: number;
}

export function useLines(id: string, query: LineQuery, enabled: boolean) {
  return useQuery({
    queryKey: paymentKeys.lines(id, query.status, query.limit, query.offset),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/payments/runs/{run_id}/lines', {
          params: {
            path: { run_id: id },
            query: { status: query.status ?? null, limit: query.limit, offset: query.offset },
            ...purpose('paymentLines'),
          },
        }),
      ),
  });
}

/** The pay day of every monthly program in a year (a calendar: it changes with a release, if ever). */
export function usePayDays(year: number | null) {
  return useQuery({
    queryKey: paymentKeys.payDays(year ?? 0),
    enabled: year !== null,
    staleTime: 60 * 60_000,
    queryFn: () => call(() => api.GET('/api/v1/payments/pay-days', { params: { query: { year: year ?? 0 } } })),
  });
}

export function useStartRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RunCreate) =>
      call(() => api.POST('/api/v1/payments/runs', { params: purpose('paymentRunStart'), body })),
    onSuccess: (run) => {
      client.setQueryData(paymentKeys.run(run.id), run);
      void client.invalidateQueries({ queryKey: paymentKeys.runs });
    },
  });
}

/** Failed chunks back in the queue. */
export function useRetryRun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(() =>
        api.POST('/api/v1/payments/runs/{run_id}/retry', { params: { path: { run_id: id }, ...purpose('paymentRunRetry') } }),
      ),
    onSuccess: (run) => {
      client.setQueryData(paymentKeys.run(id), run);
      void client.invalidateQueries({ queryKey: paymentKeys.runs });
    },
  });
}

export interface LineActionCall {
  line: LineRead;
  action: LineActionCode;
  reason: string;
}

/** 보류, 보류 해제, 재지급 of one line, with the reason kept by the API. */
export function useLineAction(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ line, action, reason }: LineActionCall) =>
      call(() =>
        api.POST('/api/v1/payments/lines/{line_id}/actions', {
          params: { path: { line_id: line.id }, ...purpose('paymentLineAction') },
          body: { action, reason },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: [...paymentKeys.run(runId), 'lines'] });
      void client.invalidateQueries({ queryKey: paymentKeys.report(runId) });
    },
  });
}
