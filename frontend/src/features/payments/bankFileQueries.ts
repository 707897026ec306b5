import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call, toProblem, unwrap } from '../../api/problem';
import { purpose, type Purpose } from '../../api/purpose';
import { api } from '../auth/session';
import { paymentKeys } from './queries';
import type { BankFileRead } from './types';

/** A file the API answered, with the name its Content-Disposition gives (or `fallback`). */
export interface Download {
  blob: Blob;
  filename: string;
}

/** `filename*=UTF-8''…` (or a plain `filename=`) of a Content-Disposition header. */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      return fallback;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** The run's transfer files, each with its result once imported. */
export function useBankFiles(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: paymentKeys.bankFiles(runId),
    enabled,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/payments/runs/{run_id}/bank-files', { params: { path: { run_id: runId }, ...purpose('bankFiles') } }),
      ),
  });
}

/** Lines, report and files move together when a file is made or its result comes back. */
function useRefreshRun(runId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: paymentKeys.bankFiles(runId) });
    void client.invalidateQueries({ queryKey: [...paymentKeys.run(runId), 'lines'] });
    void client.invalidateQueries({ queryKey: paymentKeys.report(runId) });
  };
}

/** 이체 파일 만들기: 예금주 확인, then one file per bank for the ready lines. */
export function useExportBankFiles(runId: string) {
  const refresh = useRefreshRun(runId);
  return useMutation({
    mutationFn: () =>
      call(() =>
        api.POST('/api/v1/payments/runs/{run_id}/bank-files', { params: { path: { run_id: runId }, ...purpose('bankFileExport') } }),
      ),
    onSuccess: refresh,
  });
}

async function fileOf(request: () => Promise<{ data?: Blob; error?: unknown; response: Response }>, fallback: string): Promise<Download> {
  let result;
  try {
    result = await request();
  } catch {
    throw new ApiError(0, toProblem(0, undefined));
  }
  const blob = unwrap(result);
  return { blob, filename: dispositionName(result.response.headers.get('Content-Disposition'), fallback) };
}

/** The transfer file as sent (it holds account numbers: the download states why, in X-Purpose). */
export function useDownloadBankFile(why: Purpose = 'bankFileDownload') {
  return useMutation({
    gcTime: 0,
    mutationFn: (file: BankFileRead) =>
      fileOf(
        () =>
          api.GET('/api/v1/payments/bank-files/{file_id}/content', {
            params: { path: { file_id: file.id }, ...purpose(why) },
            parseAs: 'blob',
          }),
        file.file_name,
      ),
  });
}

/** Development: the simulated bank's result file for a transfer file, to upload as a bank's. */
export function useSimulatedResult() {
  return useMutation({
    gcTime: 0,
    mutationFn: (file: BankFileRead) =>
      fileOf(
        () =>
          api.POST('/api/v1/payments/bank-files/{file_id}/simulated-result', {
            params: { path: { file_id: file.id }, ...purpose('bankSimulatedResult') },
            parseAs: 'blob',
          }),
        file.file_name.replace(/^TR_/, 'RS_'),
      ),
  });
}

export interface ImportCall {
  file: BankFileRead;
  result: Blob;
}

/** The bank's result file, sent as it was received (application/octet-stream), and reconciled. */
export function useImportResult(runId: string) {
  const refresh = useRefreshRun(runId);
  return useMutation({
    mutationFn: ({ file, result }: ImportCall) =>
      call(() =>
        api.POST('/api/v1/payments/bank-files/{file_id}/result', {
          params: { path: { file_id: file.id }, ...purpose('bankResultImport') },
          headers: { 'Content-Type': 'application/octet-stream' },
          // The body is the file's bytes as they are (CP949, fixed width), never JSON.
          body: '',
          bodySerializer: () => result,
        }),
      ),
    onSuccess: refresh,
  });
}
