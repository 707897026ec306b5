import { useT } from '../../shared/i18n/context';
import type { RunRead } from './types';

interface Props {
  run: RunRead;
  /** The bar's accessible name; the runs table names the run it belongs to. */
  label: string;
  compact?: boolean;
}

/** Chunks done out of all, as a bar (role=progressbar) whose value text says the same in words. */
export function RunProgressBar({ run, label, compact }: Props) {
  const t = useT();
  const { total_chunks: total, done_chunks: done, failed_chunks: failed, fraction } = run.progress;
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const text =
    failed > 0 ? t('run.progressFailed', { done, total, failed, percent }) : t('run.progressText', { done, total, percent });
  const tone = failed > 0 ? 'progress--failed' : run.state === 'completed' ? 'progress--done' : '';
  return (
    <div className={['progress', compact ? 'progress--compact' : '', tone].join(' ').trim()}>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress__text" aria-hidden="true">
        {compact ? `${percent}%` : text}
      </span>
    </div>
  );
}

/** The run's state in words (the colour only repeats them). */
export function RunStateBadge({ run }: { run: RunRead }) {
  const t = useT();
  const failed = run.progress.failed_chunks > 0;
  const key = run.state === 'completed' ? 'runState.completed' : failed ? 'runState.failed' : 'runState.running';
  const tone = run.state === 'completed' ? 'badge--run-completed' : failed ? 'badge--run-failed' : 'badge--run-running';
  return <span className={`badge ${tone}`}>{t(key)}</span>;
}
