import { Fragment, useState } from 'react';
import type { AssessedMember, EvidenceRead, InvestigationRead } from '../../api/types';
import { formatDateTime } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Notice } from '../../shared/ui/Notice';
import { recordDate, recordSummary } from './evidence';
import { agencyLabel, EVIDENCE_KINDS, kindLabel } from './labels';
import { useInvestigationStep } from './queries';
import { ReasonForm } from './ReasonForm';

interface Props {
  investigation: InvestigationRead;
  /** Whether rows offer 바로잡기 and 무효 (조사 담당, open investigation). */
  editable: boolean;
  /** The record the form below is correcting, marked in its row. */
  correctingId: string | null;
  onCorrect: (evidence: EvidenceRead) => void;
  onReload: () => void;
}

const COLUMNS = 6;

/** Rows by kind (in the form's order), newest month first; a voided row after what replaced it. */
function sorted(rows: readonly EvidenceRead[]): EvidenceRead[] {
  const order = (kind: string) => {
    const i = (EVIDENCE_KINDS as readonly string[]).indexOf(kind);
    return i < 0 ? EVIDENCE_KINDS.length : i;
  };
  return [...rows].sort(
    (a, b) =>
      order(a.kind) - order(b.kind) ||
      recordDate(b.record).localeCompare(recordDate(a.record)) ||
      (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1),
  );
}

function PersonEvidence({
  person,
  role,
  rows,
  editable,
  correctingId,
  onCorrect,
  investigation,
  onReload,
}: Props & { person: AssessedMember; role: 'member' | 'obligor'; rows: EvidenceRead[] }) {
  const { t, lang } = useI18n();
  const step = useInvestigationStep(investigation);
  const [voiding, setVoiding] = useState<string | null>(null);
  const [voided, setVoided] = useState(false);
  const caption = t('evidence.caption', { name: person.name, count: rows.filter((r) => r.status === 'active').length });
  return (
    <section className="evidence-person" aria-labelledby={`ev-person-${person.person_id}`}>
      <h3 id={`ev-person-${person.person_id}`}>
        {person.name} <span className="muted small">({role === 'member' ? t('inv.member') : t('inv.obligor')})</span>
      </h3>
      {voided ? (
        <Notice tone="success" live>
          {t('evidence.voidDone')}
        </Notice>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{t('evidence.noneFor', { name: person.name })}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--evidence" data-testid={`evidence-${person.person_id}`}>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('evidence.kind')}</th>
                <th scope="col">{t('evidence.source')}</th>
                <th scope="col">{t('evidence.agency')}</th>
                <th scope="col">{t('evidence.content')}</th>
                <th scope="col">{t('evidence.status')}</th>
                {editable ? <th scope="col">{t('common.action')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const summary = recordSummary(e.kind, e.record, t, lang);
                const active = e.status === 'active';
                return (
                  <Fragment key={e.id}>
                    <tr className={active ? (e.id === correctingId ? 'row--correcting' : undefined) : 'row--voided'}>
                      <th scope="row">{kindLabel(t, e.kind)}</th>
                      <td>
                        {e.source === 'linked' ? t('evidence.linked') : t('evidence.official')}
                        {e.replaces_id ? <span className="muted small"> · {t('evidence.correction')}</span> : null}
                      </td>
                      <td>{agencyLabel(t, e.agency)}</td>
                      <td>
                        {active ? summary : <s>{summary}</s>}
                        {e.source === 'official' && e.reason ? (
                          <p className="muted small cell-note">
                            {t('evidence.enteredBecause')}: {e.reason} ({e.entered_by}, {formatDateTime(e.entered_at, lang)})
                          </p>
                        ) : null}
                      </td>
                      <td>
                        {active ? (
                          <>
                            <span className="badge badge--active">{t('evidence.active')}</span>
                            {e.id === correctingId ? <p className="small cell-note">{t('evidence.beingCorrected')}</p> : null}
                          </>
                        ) : (
                          <>
                            <span className="badge badge--voided">{t('evidence.voided')}</span>
                            {e.void_reason ? (
                              <p className="small cell-note">
                                {t('evidence.voidReason')}: {e.void_reason}
                              </p>
                            ) : null}
                          </>
                        )}
                      </td>
                      {editable ? (
                        <td className="cell-actions">
                          {active ? (
                            <>
                              <button
                                type="button"
                                className="button button--small"
                                aria-label={`${summary} ${t('evidence.correct')}`}
                                onClick={() => onCorrect(e)}
                              >
                                {t('evidence.correct')}
                              </button>
                              <button
                                type="button"
                                className="button button--small button--danger"
                                aria-label={`${summary} ${t('evidence.void')}`}
                                aria-expanded={voiding === e.id}
                                aria-controls={`void-${e.id}`}
                                onClick={() => {
                                  step.reset();
                                  setVoided(false);
                                  setVoiding((v) => (v === e.id ? null : e.id));
                                }}
                              >
                                {t('evidence.void')}
                              </button>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      ) : null}
                    </tr>
                    {voiding === e.id ? (
                      <tr className="row--form">
                        <td colSpan={COLUMNS}>
                          <ReasonForm
                            id={`void-${e.id}`}
                            title={`${summary} ${t('evidence.void')}`}
                            label={t('evidence.voidReasonLabel')}
                            hint={t('evidence.voidHint')}
                            submitLabel={t('evidence.voidSubmit')}
                            danger
                            pending={step.isPending}
                            error={step.error}
                            onCancel={() => setVoiding(null)}
                            onReload={() => {
                              step.reset();
                              onReload();
                            }}
                            onSubmit={(reason) =>
                              step.mutate(
                                { kind: 'void', evidenceId: e.id, reason },
                                {
                                  onSuccess: () => {
                                    setVoiding(null);
                                    setVoided(true);
                                  },
                                },
                              )
                            }
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
      )}
    </section>
  );
}

/** 조사 자료 by person: 연계 (from the agencies) and 입력 (by an official), voided rows struck through
 * with their reason. */
export function EvidenceTable(props: Props) {
  const { investigation } = props;
  const people = [
    ...investigation.members.map((m) => ({ person: m, role: 'member' as const })),
    ...investigation.obligors.map((o) => ({ person: o, role: 'obligor' as const })),
  ];
  return (
    <>
      {people.map(({ person, role }) => (
        <PersonEvidence
          key={person.person_id}
          {...props}
          person={person}
          role={role}
          rows={sorted(investigation.evidence.filter((e) => e.person_id === person.person_id))}
        />
      ))}
    </>
  );
}
