import type { CaseEvent } from '../../api/types';
import { formatDateTime } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { inProgramOrder, kindLabel, programLabel, stateLabel } from './labels';
import { useHistory } from './queries';

interface Entry {
  first: CaseEvent;
  programs: string[];
}

/** One step applied to several programs at once (접수, 조사 착수) reads as one entry. */
function group(events: readonly CaseEvent[]): Entry[] {
  const out: Entry[] = [];
  for (const e of events) {
    const last = out.at(-1);
    const same =
      last !== undefined &&
      last.first.event === e.event &&
      last.first.actor === e.actor &&
      last.first.reason === e.reason &&
      last.first.from_state === e.from_state &&
      last.first.to_state === e.to_state &&
      Math.abs(Date.parse(last.first.occurred_at) - Date.parse(e.occurred_at)) < 2000;
    if (same && e.program) last.programs.push(e.program);
    else out.push({ first: e, programs: e.program ? [e.program] : [] });
  }
  return out;
}

function detailKind(e: CaseEvent): string | null {
  const kind = (e.detail as { kind?: unknown }).kind;
  return typeof kind === 'string' ? kind : null;
}

function isCorrection(e: CaseEvent): boolean {
  const replaces = (e.detail as { replaces_id?: unknown }).replaces_id;
  return typeof replaces === 'string' && replaces !== '';
}

/** 사례 이력: every state change and investigation step, with who, when and why, oldest first. */
export function CaseHistory({ applicationId }: { applicationId: string }) {
  const { t, lang } = useI18n();
  const history = useHistory(applicationId);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ProblemNotice error={history.error} />;
  if (history.data.length === 0) return <p className="muted">{t('history.none')}</p>;
  return (
    <ol className="timeline" data-testid="case-history">
      {group(history.data).map(({ first: e, programs }) => {
        const kind = detailKind(e);
        return (
          <li key={e.id} className="timeline__item">
            <p className="timeline__title">
              <strong>{e.event_label}</strong>
              {programs.length > 0 ? <span> · {inProgramOrder(programs.map((program) => ({ program }))).map((p) => programLabel(t, p.program)).join(', ')}</span> : null}
              {e.from_state || e.to_state ? (
                <span className="muted">
                  {' '}
                  ({e.from_state ? `${stateLabel(t, e.from_state)} → ` : ''}
                  {stateLabel(t, e.to_state)})
                </span>
              ) : null}
            </p>
            <p className="timeline__meta muted small">
              <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at, lang)}</time> · {e.actor}
              {kind ? ` · ${t('history.kind')}: ${kindLabel(t, kind)}` : null}
              {isCorrection(e) ? ` · ${t('history.correction')}` : null}
            </p>
            {e.reason ? (
              <p className="timeline__reason">
                <span className="muted">{t('history.reason')}:</span> {e.reason}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
