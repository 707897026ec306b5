import { useState } from 'react';
import type { ApplicationRead, ExtensionReason, ProgramCode } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { Check } from '../../shared/ui/Check';
import { Field } from '../../shared/ui/Field';
import { Notice } from '../../shared/ui/Notice';
import { SCOPES } from '../auth/scopes';
import { useHasScope } from '../auth/useSession';
import { EXTENSION_REASONS, inProgramOrder, OPEN_STATES, programLabel } from './labels';
import { useApplicationAction, type ApplicationAction } from './queries';
import { ReasonForm } from './ReasonForm';

type Kind = ApplicationAction['kind'];

const DONE: Record<Kind, MessageKey> = {
  withdrawal: 'action.done.withdrawal',
  extension: 'action.done.extension',
  refusal: 'action.done.refusal',
  dismissal: 'action.done.dismissal',
};

interface Props {
  application: ApplicationRead;
  onReload: () => void;
}

/**
 * What may be done to the application now, by duty: 취하 (접수 담당), and 처리기한 연장, 조사 거부
 * 기록, 각하 (조사 담당). Each opens a small form that asks why; the API checks the state again.
 */
export function CaseActions({ application, onReload }: Props) {
  const t = useT();
  const canWithdraw = useHasScope(SCOPES.applicationsWrite);
  const canInvestigate = useHasScope(SCOPES.investigationsWrite);
  const action = useApplicationAction(application);
  const [open, setOpen] = useState<Kind | null>(null);
  const [done, setDone] = useState<Kind | null>(null);
  const [withdrawn, setWithdrawn] = useState<ProgramCode[] | null>(null);
  const [extensionReason, setExtensionReason] = useState<ExtensionReason>('support_obligor_investigation');

  const openPrograms = inProgramOrder(application.programs.filter((p) => OPEN_STATES.includes(p.state)));
  const investigating = application.programs.filter((p) => p.state === 'investigating');
  const refusals = Math.max(0, ...investigating.map((p) => p.investigation_refusals));

  const available: Kind[] = [];
  if (canWithdraw && openPrograms.length > 0) available.push('withdrawal');
  if (canInvestigate && openPrograms.length > 0 && !application.deadline.extended) available.push('extension');
  if (canInvestigate && investigating.length > 0) available.push('refusal', 'dismissal');
  if (available.length === 0) return <p className="muted">{t('action.none')}</p>;

  const toggle = (kind: Kind) => {
    action.reset();
    setDone(null);
    setOpen((current) => (current === kind ? null : kind));
    if (kind === 'withdrawal') setWithdrawn(openPrograms.map((p) => p.program));
  };
  const run = (value: ApplicationAction) =>
    action.mutate(value, {
      onSuccess: () => {
        setDone(value.kind);
        setOpen(null);
      },
    });
  const common = {
    pending: action.isPending,
    error: action.error,
    onCancel: () => setOpen(null),
    onReload: () => {
      action.reset();
      onReload();
    },
  };

  return (
    <div className="case-actions">
      {done ? (
        <Notice tone="success" live>
          {t(DONE[done])}
        </Notice>
      ) : null}
      <div className="actions">
        {available.map((kind) => (
          <button
            key={kind}
            type="button"
            className={kind === 'dismissal' || kind === 'withdrawal' ? 'button button--danger' : 'button'}
            aria-expanded={open === kind}
            aria-controls={`action-${kind}`}
            onClick={() => toggle(kind)}
          >
            {t(`action.${kind}`)}
          </button>
        ))}
      </div>
      {open === 'withdrawal' ? (
        <ReasonForm
          {...common}
          id="action-withdrawal"
          title={t('action.withdrawal')}
          label={t('action.withdrawalReason')}
          hint={t('action.withdrawalHint')}
          submitLabel={t('action.withdrawalSubmit')}
          danger
          check={() => (withdrawn && withdrawn.length > 0 ? null : t('action.withdrawalNone'))}
          onSubmit={(reason) =>
            run({
              kind: 'withdrawal',
              reason,
              // Every open program: the API's own default (null), so a program added meanwhile is not missed.
              programs: withdrawn && withdrawn.length === openPrograms.length ? null : withdrawn,
            })
          }
        >
          {(errors) => (
            <fieldset className="fieldset fieldset--inner" id="action-withdrawal-programs">
              <legend>{t('action.withdrawalPrograms')}</legend>
              {errors.get('programs') ? <p className="field-error">⚠ {errors.get('programs')}</p> : null}
              <div className="checks">
                {openPrograms.map((p) => (
                  <Check
                    key={p.program}
                    id={`action-withdrawal-${p.program}`}
                    label={programLabel(t, p.program)}
                    checked={withdrawn?.includes(p.program) ?? false}
                    onChange={(on) =>
                      setWithdrawn((w) => (on ? [...(w ?? []), p.program] : (w ?? []).filter((x) => x !== p.program)))
                    }
                  />
                ))}
              </div>
            </fieldset>
          )}
        </ReasonForm>
      ) : null}
      {open === 'extension' ? (
        <ReasonForm
          {...common}
          id="action-extension"
          title={t('action.extension')}
          label={t('action.extensionDetail')}
          hint={t('action.extensionHint')}
          field="detail"
          submitLabel={t('action.extensionSubmit')}
          onSubmit={(detail) => run({ kind: 'extension', reason: extensionReason, detail })}
        >
          {(errors) => (
            <Field id="action-extension-reason" label={t('action.extensionReason')} required error={errors.get('reason')}>
              {(c) => (
                <select
                  {...c}
                  className="input input--narrow"
                  value={extensionReason}
                  onChange={(e) => setExtensionReason(e.target.value as ExtensionReason)}
                >
                  {EXTENSION_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`extension.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </ReasonForm>
      ) : null}
      {open === 'refusal' ? (
        <ReasonForm
          {...common}
          id="action-refusal"
          title={t('action.refusal')}
          label={t('action.refusalNote')}
          hint={t('action.refusalHint', { count: refusals })}
          field="note"
          submitLabel={t('action.refusalSubmit')}
          onSubmit={(note) => run({ kind: 'refusal', note })}
        />
      ) : null}
      {open === 'dismissal' ? (
        <ReasonForm
          {...common}
          id="action-dismissal"
          title={t('action.dismissal')}
          label={t('action.dismissalReason')}
          hint={t('action.dismissalHint', { count: refusals })}
          submitLabel={t('action.dismissalSubmit')}
          danger
          onSubmit={(reason) => run({ kind: 'dismissal', reason })}
        />
      ) : null}
    </div>
  );
}
