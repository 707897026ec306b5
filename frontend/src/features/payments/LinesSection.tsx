import { Fragment, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatNumber, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { ACTIONS_BY_STATUS, actionLabel, bankName, basisLabel, failureLabel, holdReasonLabel, isLineStatus, kindLabel, LINE_STATUSES, lineStatusLabel } from './labels';
import { LineActionForm } from './LineActionForm';
import { useLineAction, useLines } from './queries';
import type { LineActionCode, LineRead } from './types';

export const LINE_PAGE = 50;
const COLUMNS = 9;

function LineStatusCell({ line }: { line: LineRead }) {
  const { t } = useI18n();
  const why = line.status === 'held' ? holdReasonLabel(t, line.hold_reason) : line.status === 'failed' ? failureLabel(t, line.failure_code, line.failure_label) : null;
  return (
    <td>
      <span className={`badge badge--line-${line.status}`}>{lineStatusLabel(t, line.status)}</span>
      {why ? <span className="small line-why">{why}</span> : null}
    </td>
  );
}

function AccountCell({ line }: { line: LineRead }) {
  const { t } = useI18n();
  const bank = bankName(line.bank_code);
  if (!bank && !line.account_masked) return <td className="muted">{t('line.noAccount')}</td>;
  return (
    <td className="nowrap">
      {bank ?? '—'} <span className="mono">{line.account_masked ?? ''}</span>
      {line.protected_account ? <span className="badge badge--protected">{t('line.protected')}</span> : null}
    </td>
  );
}

interface Open {
  lineId: number;
  action: LineActionCode;
}

/**
 * The run's payment lines, filtered by status and paged (filter and page live in the address), with
 * 보류 / 보류 해제 / 재지급 for the lines whose status allows it, each asking for the reason.
 */
export function LinesSection({ runId, mayAct }: { runId: string; mayAct: boolean }) {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status') ?? '';
  const status = isLineStatus(rawStatus) ? rawStatus : undefined;
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));
  const lines = useLines(runId, { status, limit: LINE_PAGE, offset }, true);
  const act = useLineAction(runId);
  const [open, setOpen] = useState<Open | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('offset' in patch)) next.delete('offset');
    setParams(next, { replace: true });
    setOpen(null);
  };

  const start = (line: LineRead, action: LineActionCode) => {
    act.reset();
    setDone(null);
    setOpen({ lineId: line.id, action });
  };

  const cancel = () => {
    const back = open ? document.getElementById(`line-${open.lineId}-${open.action}`) : null;
    setOpen(null);
    act.reset();
    back?.focus();
  };

  const submit = (line: LineRead, action: LineActionCode, reason: string) => {
    act.mutate(
      { line, action, reason },
      {
        onSuccess: (changed) => {
          setOpen(null);
          setDone(
            t(`lineAction.${action}Done`, {
              name: changed.payee_name ?? t('line.noName'),
              status: lineStatusLabel(t, changed.status),
            }),
          );
        },
      },
    );
  };

  const page = lines.data;
  const rows = page?.items ?? [];
  const total = page?.total ?? 0;
  const caption = [t('lines.caption'), status ? lineStatusLabel(t, status) : null].filter(Boolean).join(' · ');

  return (
    <section className="section" aria-labelledby="lines-title">
      <h2 id="lines-title">{t('lines.title')}</h2>
      <form className="form-row filters" aria-label={t('lines.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field id="lines-status" label={t('line.status')}>
          {(c) => (
            <select {...c} className="input" value={status ?? ''} onChange={(e) => set({ status: e.target.value })}>
              <option value="">{t('list.all')}</option>
              {LINE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {lineStatusLabel(t, s)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      {done ? (
        <p className="notice notice--success" role="status" tabIndex={-1} ref={doneRef} data-testid="line-action-done">
          {done}
        </p>
      ) : null}
      {lines.isPending ? (
        <Loading />
      ) : lines.isError ? (
        <ProblemNotice error={lines.error} />
      ) : rows.length === 0 ? (
        <p>{status ? t('lines.noneWithStatus', { status: lineStatusLabel(t, status) }) : t('lines.none')}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--lines" data-testid="line-table" aria-busy={lines.isPlaceholderData}>
              <caption>
                {caption} ({t('lines.range', { from: formatNumber(offset + 1, lang), to: formatNumber(offset + rows.length, lang), total: formatNumber(total, lang) })})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('line.payee')}</th>
                  <th scope="col">{t('line.emd')}</th>
                  <th scope="col">{t('line.basis')}</th>
                  <th scope="col" className="num">
                    {t('run.gross')}
                  </th>
                  <th scope="col" className="num">
                    {t('run.offset')}
                  </th>
                  <th scope="col" className="num">
                    {t('run.net')}
                  </th>
                  <th scope="col">{t('line.status')}</th>
                  <th scope="col">{t('line.account')}</th>
                  <th scope="col">{t('common.action')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((line) => {
                  const name = line.payee_name ?? t('line.noName');
                  const actions = mayAct ? ACTIONS_BY_STATUS[line.status] : [];
                  const formOpen = open?.lineId === line.id ? open : null;
                  return (
                    <Fragment key={line.id}>
                      <tr data-testid={`line-${line.id}`} className={formOpen ? 'row--form-open' : undefined}>
                        <th scope="row">{name}</th>
                        <td className="mono">{line.emd_code ?? '—'}</td>
                        <td>
                          {basisLabel(t, line.basis)}
                          {line.kind !== 'regular' ? <span className="small muted"> · {kindLabel(t, line.kind)}</span> : null}
                        </td>
                        <td className="num">{formatWon(line.gross_amount, lang)}</td>
                        <td className="num">{formatWon(line.offset_amount, lang)}</td>
                        <td className="num">{formatWon(line.net_amount, lang)}</td>
                        <LineStatusCell line={line} />
                        <AccountCell line={line} />
                        <td className="cell-actions">
                          {actions.length === 0 ? (
                            <span className="muted">—</span>
                          ) : (
                            actions.map((action) => (
                              <button
                                key={action}
                                id={`line-${line.id}-${action}`}
                                type="button"
                                className="button button--small"
                                aria-expanded={formOpen?.action === action}
                                onClick={() => (formOpen?.action === action ? cancel() : start(line, action))}
                              >
                                {actionLabel(t, action)}
                                {' '}
                                <span className="visually-hidden">{name}</span>
                              </button>
                            ))
                          )}
                        </td>
                      </tr>
                      {formOpen ? (
                        <tr className="row--form">
                          <td colSpan={COLUMNS}>
                            <LineActionForm
                              line={line}
                              action={formOpen.action}
                              pending={act.isPending}
                              error={act.error}
                              onSubmit={(reason) => submit(line, formOpen.action, reason)}
                              onCancel={cancel}
                            />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          {offset > 0 || offset + rows.length < total ? (
            <p className="actions">
              <button type="button" className="button button--small" disabled={offset === 0} onClick={() => set({ offset: String(Math.max(0, offset - LINE_PAGE)) })}>
                {t('lines.previous')}
              </button>
              <button type="button" className="button button--small" disabled={offset + rows.length >= total} onClick={() => set({ offset: String(offset + LINE_PAGE) })}>
                {t('lines.next')}
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
