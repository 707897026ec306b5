import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApiClient } from '../../api/client';
import { ApiError, call, toProblem, unwrap } from '../../api/problem';
import { purpose, type Purpose } from '../../api/purpose';
import type { CertificateCode, CertificateIssued, CertificateRequest } from '../../api/types';
import { api } from '../auth/session';

/**
 * The public endpoints (the type list, 진위확인) go out without a token: the verification page is
 * the same for a citizen and for an official who happens to be signed in, and an anonymous visitor
 * must never be sent through the sign-in refresh.
 */
const publicApi = createApiClient();

export interface CertificateFilters {
  personId?: string | undefined;
  type?: CertificateCode | undefined;
  issuedFrom?: string | undefined;
  issuedTo?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const certificateKeys = {
  catalogue: ['certificates', 'catalogue'] as const,
  list: (f: CertificateFilters) =>
    ['certificates', 'list', f.personId ?? '', f.type ?? '', f.issuedFrom ?? '', f.issuedTo ?? '', f.limit ?? 50, f.offset ?? 0] as const,
  one: (number: string) => ['certificates', 'one', number] as const,
};

export function useCatalogue() {
  return useQuery({
    queryKey: certificateKeys.catalogue,
    // Reference data that changes with a release, not during a day's work.
    staleTime: 60 * 60_000,
    queryFn: () => call(() => publicApi.GET('/api/v1/certificates/types')),
  });
}

export function useCertificates(filters: CertificateFilters, why: Purpose = 'certificateRegister', enabled = true) {
  return useQuery({
    queryKey: [...certificateKeys.list(filters), why],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/certificates', {
          params: {
            query: {
              person_id: filters.personId ?? null,
              certificate_type: filters.type ?? null,
              issued_from: filters.issuedFrom ?? null,
              issued_to: filters.issuedTo ?? null,
              limit: filters.limit ?? 50,
              offset: filters.offset ?? 0,
            },
            ...purpose(why),
          },
        }),
      ),
  });
}

export function useCertificate(number: string) {
  return useQuery({
    queryKey: certificateKeys.one(number),
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/certificates/{certificate_number}', {
          params: { path: { certificate_number: number }, ...purpose('certificateRead') },
        }),
      ),
  });
}

export interface CertificatePdf {
  blob: Blob;
  /** `X-Certificate-Status`: a revoked certificate is still handed out, for the record. */
  revoked: boolean;
}

/** The PDF as issued (each fetch is an 출력 in the 접속기록). */
export function useCertificatePdf(why: Purpose = 'certificateReprint') {
  return useMutation({
    gcTime: 0,
    mutationFn: async (number: string): Promise<CertificatePdf> => {
      let result;
      try {
        result = await api.GET('/api/v1/certificates/{certificate_number}/pdf', {
          params: { path: { certificate_number: number }, ...purpose(why) },
          parseAs: 'blob',
        });
      } catch {
        throw new ApiError(0, toProblem(0, undefined));
      }
      const blob = unwrap(result);
      return { blob, revoked: result.response.headers.get('X-Certificate-Status') === 'revoked' };
    },
  });
}

/** The PDF of a certificate just issued, fetched once to show it (a query, so a remount does not
 * print it a second time). */
export function useIssuedPdf(number: string) {
  return useQuery({
    queryKey: ['certificates', 'pdf', number, 'issued'],
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/certificates/{certificate_number}/pdf', {
          params: { path: { certificate_number: number }, ...purpose('certificateIssuedPrint') },
          parseAs: 'blob',
        }),
      ),
  });
}

/** The certificate the request would produce (PDF marked 미리보기); nothing is stored. */
export function usePreviewCertificate() {
  return useMutation({
    gcTime: 0,
    mutationFn: (body: CertificateRequest) =>
      call(() => api.POST('/api/v1/certificates/preview', { params: purpose('certificatePreview'), body, parseAs: 'blob' })),
  });
}

export interface IssueCall {
  body: CertificateRequest;
  idempotencyKey: string;
}

export function useIssueCertificate() {
  const client = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: ({ body, idempotencyKey }: IssueCall): Promise<CertificateIssued> =>
      call(() =>
        api.POST('/api/v1/certificates', {
          params: { header: { ...purpose('certificateIssue').header, 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['certificates', 'list'] });
    },
  });
}

export interface VerifyQuery {
  number: string;
  code: string;
  /** Counts the checks asked for, so asking again for the same pair checks again. */
  attempt: number;
}

/** A 429's `Retry-After`, in seconds (null when absent). */
export class RateLimitedError extends ApiError {
  constructor(
    problem: ConstructorParameters<typeof ApiError>[1],
    readonly retryAfter: number | null,
  ) {
    super(429, problem);
  }
}

/** 진위확인 (public, rate limited). */
export function useVerification(query: VerifyQuery | null) {
  return useQuery({
    queryKey: ['verification', query?.number ?? '', query?.code ?? '', query?.attempt ?? 0],
    enabled: query !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    queryFn: async () => {
      let result;
      try {
        result = await publicApi.GET('/api/v1/certificates/verify', {
          params: { query: { number: query?.number ?? '', code: query?.code ?? '' } },
        });
      } catch {
        throw new ApiError(0, toProblem(0, undefined));
      }
      if (result.response.status === 429) {
        const seconds = Number(result.response.headers.get('Retry-After'));
        throw new RateLimitedError(toProblem(429, result.error), Number.isFinite(seconds) && seconds > 0 ? seconds : null);
      }
      return unwrap(result);
    },
  });
}
