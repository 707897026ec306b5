import type { FieldError, Problem } from './types';

/** An error answer of the API (RFC 9457 problem+json), or a failure to reach it (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { title?: unknown }).title === 'string' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}

/** Turns whatever an error body was into a Problem (a proxy's HTML 502 has no problem+json). */
export function toProblem(status: number, body: unknown): Problem {
  if (isProblem(body)) return body;
  return {
    type: 'about:blank',
    title: status === 0 ? 'network' : `HTTP ${status}`,
    status,
    detail: null,
    errors: null,
    correlation_id: null,
  };
}

export interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an openapi-fetch result, or throws its problem as an ApiError. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, toProblem(result.response.status, result.error));
  }
  return result.data as T;
}

/** Runs an API call; a network failure becomes an ApiError with status 0. */
export async function call<T>(request: () => Promise<ApiResult<T>>): Promise<T> {
  let result: ApiResult<T>;
  try {
    result = await request();
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw new ApiError(0, toProblem(0, undefined));
  }
  return unwrap(result);
}
