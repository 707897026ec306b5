import type { RunRead } from './types';

/** Chunks still waiting for a worker: the run moves on its own, so the screen reads it again. */
export function isWorking(run: RunRead | undefined): boolean {
  if (run?.state !== 'running') return false;
  const { total_chunks: total, done_chunks: done, failed_chunks: failed } = run.progress;
  return done + failed < total || total === 0;
}

/** Every chunk was tried and some failed: the run waits for 다시 처리 (it will not complete alone). */
export function isStalled(run: RunRead | undefined): boolean {
  return run?.state === 'running' && run.progress.failed_chunks > 0 && !isWorking(run);
}
