import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { HouseholdRead, PersonSummary } from '../../api/types';
import { fieldMessages, messagesByField, summaryText, type FieldMessage } from '../../shared/errors';
import { formatDate, todayInKorea } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Check } from '../../shared/ui/Check';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { SCOPES } from '../auth/scopes';
import { useHasScope } from '../auth/useSession';
import { relationLabel } from '../registry/labels';
import { PersonPicker } from '../registry/PersonPicker';
import { useHousehold, usePerson } from '../registry/queries';
import {
  INTAKE_IDS,
  initialIntake,
  intakeControlId,
  intakeKey,
  PRIVACY_NOTICE_VERSION,
  toApplicationCreate,
  validateIntake,
  type ConsentRow,
  type IntakeForm as Form,
} from './intake';
import { PROGRAMS, programLabel } from './labels';
import { useCaseCache, useCreateApplication } from './queries';

interface HouseholdProps {
  household: HouseholdRead;
  applicantId: string;
  consents: Record<string, ConsentRow>;
  onChange: (personId: string, row: ConsentRow) => void;
  errors: Map<string, string>;
}

/** The applicant's household, one row per member with the 금융정보 제공 동의 (법 제21조③). */
function HouseholdConsents({ household, applicantId, consents, onChange, errors }: HouseholdProps) {
  const { t, lang } = useI18n();
  return (
    <>
      <p className="muted small">
        {household.address.sigungu_name} {household.address.emd_name ?? ''} {household.address.address} ·{' '}
        <Link to={`/households/${household.id}`}>{t('intake.householdLink')}</Link>
      </p>
      <div className="table-wrap">
        <table className="table table--form">
          <caption>{t('intake.membersCaption', { count: household.members.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('household.relation')}</th>
              <th scope="col">{t('person.birthDate')}</th>
              <th scope="col">{t('intake.consentCol')}</th>
              <th scope="col">{t('intake.documentCol')}</th>
            </tr>
          </thead>
          <tbody>
            {household.members.map((m) => {
              const row = consents[m.person_id] ?? { given: false, documentId: '' };
              const checkId = INTAKE_IDS.consentGiven(m.person_id);
              const docId = INTAKE_IDS.consentDocument(m.person_id);
              const rowError = errors.get(`consent.${m.person_id}`);
              const docError = errors.get(`consent.${m.person_id}.document`);
              return (
                <tr key={m.person_id}>
                  <th scope="row">
                    {m.name}
                    {m.person_id === applicantId ? <span className="muted small"> ({t('intake.applicantMark')})</span> : null}
                  </th>
                  <td>{relationLabel(t, m.relation)}</td>
                  <td>{formatDate(m.birth_date, lang)}</td>
                  <td>
                    <Check
                      id={checkId}
                      label={<span className="visually-hidden">{t('intake.consentFor', { name: m.name })}</span>}
                      checked={row.given}
                      error={rowError}
                      onChange={(given) => onChange(m.person_id, { ...row, given })}
                    />
                  </td>
                  <td>
                    <label htmlFor={docId} className="visually-hidden">
                      {t('intake.documentFor', { name: m.name })}
                    </label>
                    <input
                      id={docId}
                      className="input"
                      autoComplete="off"
                      maxLength={60}
                      disabled={!row.given}
                      value={row.documentId}
                      aria-invalid={docError ? true : undefined}
                      aria-describedby={docError ? `${docId}-error` : undefined}
                      onChange={(e) => onChange(m.person_id, { ...row, documentId: e.target.value })}
                    />
                    {docError ? (
                      <p className="field-error" id={`${docId}-error`}>
                        <span aria-hidden="true">⚠ </span>
                        {docError}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('intake.consentHint')}</p>
    </>
  );
}

/**
 * 신청 접수 (방문·직권): applicant and household, programs, channel and date, the 수집 목적·보유기간
 * 안내 (사회보장급여법 제5조⑤), an optional 사실상 거주지, and the members' 금융정보 제공 동의.
 */
export function IntakeForm({ initialApplicant }: { initialApplicant: PersonSummary | null }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const cache = useCaseCache();
  const canRegister = useHasScope(SCOPES.registryWrite);
  const [today] = useState(todayInKorea);
  const [applicant, setApplicant] = useState<PersonSummary | null>(initialApplicant);
  const [form, setForm] = useState<Form>(() => initialIntake(today));
  // 0 until the first 접수; then what is missing is re-checked as the official fixes it.
  const [attempt, setAttempt] = useState(0);
  const [order, setOrder] = useState<string[]>([]);

  const person = usePerson(applicant?.id ?? '', applicant !== null);
  const householdId = person.data?.household?.household_id ?? null;
  const household = useHousehold(householdId ?? '', householdId !== null);
  const create = useCreateApplication();
  const problems: FieldMessage[] =
    attempt > 0 ? validateIntake(form, applicant?.id ?? null, person.data ? householdId : undefined, t) : [];

  const serverMessages = fieldMessages(create.error, t).map((m) => ({ ...m, field: intakeKey(m.field, order) }));
  const messages = problems.length > 0 ? problems : serverMessages;
  const byField = messagesByField(messages);
  const summary = problems.length > 0 ? null : summaryText(create.error, serverMessages, t);
  const err = (key: string) => byField.get(key);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setActual = (patch: Partial<Form['actual']>) => setForm((f) => ({ ...f, actual: { ...f.actual, ...patch } }));
  const toggleProgram = (program: (typeof PROGRAMS)[number], on: boolean) =>
    setForm((f) => ({ ...f, programs: on ? [...f.programs, program] : f.programs.filter((p) => p !== program) }));

  const memberName = (personId: string) =>
    household.data?.members.find((m) => m.person_id === personId)?.name ?? personId;
  const labelOf = (key: string): string | null => {
    const consent = /^consent\.([^.]+)(\.document)?$/.exec(key);
    if (consent) {
      const name = memberName(consent[1] ?? '');
      return consent[2] ? t('intake.documentFor', { name }) : t('intake.consentFor', { name });
    }
    const labels: Record<string, string> = {
      applicant_person_id: t('intake.applicant'),
      household_id: t('intake.household'),
      programs: t('intake.programs'),
      channel: t('intake.channel'),
      ex_officio_consent: t('intake.exOfficioConsent'),
      applied_on: t('case.appliedOn'),
      privacy_notice: t('intake.privacyTitle'),
      actual_residence: t('intake.actualTitle'),
      'actual_residence.address': t('intake.actualAddress'),
      'actual_residence.emd_code': t('person.emdCode'),
      'actual_residence.emd_name': t('person.emd'),
      'actual_residence.since': t('intake.actualSince'),
    };
    return labels[key] ?? null;
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const hh = household.data ?? null;
    const found = validateIntake(form, applicant?.id ?? null, person.data ? householdId : undefined, t);
    setAttempt((n) => n + 1);
    if (found.length > 0 || !applicant || !hh) return;
    const request = toApplicationCreate(form, applicant.id, hh.id, hh.members);
    setOrder(request.consentOrder);
    create.mutate(request.body, {
      onSuccess: (read) => {
        cache.application(read);
        void navigate(`/applications/${read.id}`, { state: { flash: 'intake.created' } });
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t('intake.title')}>
      <ErrorSummary
        messages={messages}
        summary={summary}
        focusKey={problems.length > 0 ? attempt : create.error}
        controlId={intakeControlId}
        labelOf={labelOf}
      />
      <PersonPicker
        idPrefix="intake-applicant"
        label={t('intake.applicant')}
        why="pickApplicant"
        selected={applicant}
        onSelect={(p) => {
          setApplicant(p);
          setForm((f) => ({ ...f, consents: {} }));
        }}
        error={err('applicant_person_id')}
      />

      <fieldset className="fieldset" id={INTAKE_IDS.household} aria-describedby={err('household_id') ? `${INTAKE_IDS.household}-error` : undefined}>
        <legend>{t('intake.household')}</legend>
        {err('household_id') ? (
          <p className="field-error" id={`${INTAKE_IDS.household}-error`}>
            <span aria-hidden="true">⚠ </span>
            {err('household_id')}
          </p>
        ) : null}
        {!applicant ? (
          <p className="muted">{t('intake.householdPrompt')}</p>
        ) : person.isPending || (householdId !== null && household.isPending) ? (
          <Loading />
        ) : person.isError ? (
          <ProblemNotice error={person.error} />
        ) : householdId === null ? (
          <Notice tone="warning">
            {t('intake.noHousehold', { name: applicant.name })}{' '}
            {canRegister ? <Link to={`/households/new?head=${applicant.id}`}>{t('household.createWithHead')}</Link> : null}
          </Notice>
        ) : household.isError ? (
          <ProblemNotice error={household.error} />
        ) : household.data ? (
          <HouseholdConsents
            household={household.data}
            applicantId={applicant.id}
            consents={form.consents}
            errors={byField}
            onChange={(personId, row) => set('consents', { ...form.consents, [personId]: row })}
          />
        ) : null}
      </fieldset>

      <fieldset
        className="fieldset"
        id={INTAKE_IDS.programs}
        aria-describedby={err('programs') ? `${INTAKE_IDS.programs}-error` : undefined}
      >
        <legend>
          {t('intake.programs')}{' '}
          <span className="required" aria-hidden="true">
            *
          </span>
        </legend>
        <p className="hint">{t('intake.programsHint')}</p>
        {err('programs') ? (
          <p className="field-error" id={`${INTAKE_IDS.programs}-error`}>
            <span aria-hidden="true">⚠ </span>
            {err('programs')}
          </p>
        ) : null}
        <div className="checks">
          {PROGRAMS.map((p) => (
            <Check
              key={p}
              id={`intake-program-${p}`}
              label={programLabel(t, p)}
              checked={form.programs.includes(p)}
              onChange={(on) => toggleProgram(p, on)}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('intake.receipt')}</legend>
        <div className="grid grid--3">
          <fieldset className="radios" id={INTAKE_IDS.channel}>
            <legend className="field__legend">{t('intake.channel')}</legend>
            {(['visit', 'ex_officio'] as const).map((c) => (
              <div className="radio" key={c}>
                <input
                  type="radio"
                  id={`intake-channel-${c}`}
                  name="intake-channel"
                  value={c}
                  checked={form.channel === c}
                  onChange={() => set('channel', c)}
                />
                <label htmlFor={`intake-channel-${c}`}>{t(`intake.channel.${c}`)}</label>
              </div>
            ))}
            {err('channel') ? <p className="field-error">⚠ {err('channel')}</p> : null}
          </fieldset>
          <Field
            id={INTAKE_IDS.appliedOn}
            label={t('case.appliedOn')}
            hint={t('intake.appliedOnHint')}
            required
            error={err('applied_on')}
          >
            {(c) => (
              <input
                {...c}
                className="input"
                type="date"
                max={today}
                value={form.appliedOn}
                onChange={(e) => set('appliedOn', e.target.value)}
              />
            )}
          </Field>
        </div>
        {form.channel === 'ex_officio' ? (
          <Check
            id={INTAKE_IDS.exOfficioConsent}
            label={t('intake.exOfficioConsent')}
            hint={t('intake.exOfficioHint')}
            required
            checked={form.exOfficioConsent}
            error={err('ex_officio_consent')}
            onChange={(v) => set('exOfficioConsent', v)}
          />
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('intake.privacyTitle')}</legend>
        <Check
          id={INTAKE_IDS.privacy}
          label={t('intake.privacyGiven', { version: PRIVACY_NOTICE_VERSION })}
          hint={t('intake.privacyHint', { date: formatDate(form.appliedOn || today, lang) })}
          required
          checked={form.privacyNoticeGiven}
          error={err('privacy_notice')}
          onChange={(v) => set('privacyNoticeGiven', v)}
        />
      </fieldset>

      <fieldset className="fieldset" id={INTAKE_IDS.actual}>
        <legend>
          {t('intake.actualTitle')} <span className="muted small">({t('common.optional')})</span>
        </legend>
        <Check
          id="intake-actual-enabled"
          label={t('intake.actualEnabled')}
          hint={t('intake.actualHint')}
          checked={form.actual.enabled}
          onChange={(enabled) => setActual({ enabled })}
        />
        {form.actual.enabled ? (
          <div className="grid grid--4">
            <Field id={INTAKE_IDS.actualAddress} label={t('intake.actualAddress')} required error={err('actual_residence.address')}>
              {(c) => (
                <input {...c} className="input" autoComplete="off" value={form.actual.address} onChange={(e) => setActual({ address: e.target.value })} />
              )}
            </Field>
            <Field id={INTAKE_IDS.actualEmdCode} label={t('person.emdCode')} hint={t('person.emdCodeHint')} error={err('actual_residence.emd_code')}>
              {(c) => (
                <input
                  {...c}
                  className="input mono"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={10}
                  value={form.actual.emdCode}
                  onChange={(e) => setActual({ emdCode: e.target.value })}
                />
              )}
            </Field>
            <Field id={INTAKE_IDS.actualEmdName} label={t('person.emd')} error={err('actual_residence.emd_name')}>
              {(c) => (
                <input {...c} className="input" autoComplete="off" value={form.actual.emdName} onChange={(e) => setActual({ emdName: e.target.value })} />
              )}
            </Field>
            <Field id={INTAKE_IDS.actualSince} label={t('intake.actualSince')} required error={err('actual_residence.since')}>
              {(c) => (
                <input {...c} className="input" type="date" max={today} value={form.actual.since} onChange={(e) => setActual({ since: e.target.value })} />
              )}
            </Field>
          </div>
        ) : null}
      </fieldset>

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('intake.submit')}
        </button>
        <Link className="button" to={applicant ? `/persons/${applicant.id}` : '/'}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
