import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { ApiError, call } from '../../api/problem';
import { purpose } from '../../api/purpose';
import type { PersonCreate, PersonRead, PersonUpdate } from '../../api/types';
import { fieldMessages, messagesByField, summaryText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { api } from '../auth/session';
import { useSession } from '../auth/useSession';
import { AddressFields, addressFromForm, type AddressForm } from './AddressFields';
import { usePerson, useRegistryCache } from './queries';
import { RrnInput } from './RrnInput';

type Disability = PersonRead['disability'];

interface PersonForm {
  name: string;
  rrn: string;
  address: AddressForm;
  phone: string;
  disability: Disability;
  bankName: string;
  accountNumber: string;
  removeBank: boolean;
}

const LABELS: Record<string, MessageKey> = {
  name: 'person.name',
  rrn: 'person.rrn',
  'address.sigungu_code': 'person.sigungu',
  'address.emd_code': 'person.emdCode',
  'address.emd_name': 'person.emd',
  'address.address': 'person.address',
  address: 'person.addressTitle',
  phone: 'person.phone',
  disability: 'person.disability',
  'bank_account.bank_name': 'person.bankName',
  'bank_account.account_number': 'person.accountNumber',
  bank_account: 'person.bank',
  version: 'person.version',
};

/** The form control that shows a field of the request body. */
export function personFieldId(field: string): string {
  return `pf-${field.replace(/\./g, '-')}`;
}

const DISABILITIES: Disability[] = ['none', 'mild', 'severe'];

function bankFromForm(form: PersonForm) {
  if (!form.bankName.trim() && !form.accountNumber.trim()) return undefined;
  return { bank_name: form.bankName.trim(), account_number: form.accountNumber.trim() };
}

export function createBody(form: PersonForm): PersonCreate {
  const body: PersonCreate = {
    name: form.name,
    rrn: form.rrn,
    address: addressFromForm(form.address),
    disability: form.disability,
  };
  if (form.phone.trim()) body.phone = form.phone.trim();
  const bank = bankFromForm(form);
  if (bank) body.bank_account = bank;
  return body;
}

/** Only what changed (PATCH), with the version read. */
export function updateBody(form: PersonForm, before: PersonRead): PersonUpdate {
  const body: PersonUpdate = { version: before.version };
  if (form.name !== before.name) body.name = form.name;
  const address = addressFromForm(form.address);
  const old = before.address;
  if (
    address.sigungu_code !== old.sigungu_code ||
    (address.emd_code ?? null) !== (old.emd_code ?? null) ||
    (address.emd_name ?? null) !== (old.emd_name ?? null) ||
    address.address !== old.address
  ) {
    body.address = address;
  }
  const phone = form.phone.trim() || null;
  if (phone !== before.phone) body.phone = phone;
  if (form.disability !== before.disability) body.disability = form.disability;
  const bank = bankFromForm(form);
  if (bank) body.bank_account = bank;
  else if (form.removeBank && before.bank_account) body.bank_account = null;
  return body;
}

function initialForm(person: PersonRead | null, sigungu: string, emd: string | null): PersonForm {
  return {
    name: person?.name ?? '',
    rrn: '',
    address: {
      sigungu_code: person?.address.sigungu_code ?? sigungu,
      emd_code: person ? (person.address.emd_code ?? '') : (emd ?? ''),
      emd_name: person?.address.emd_name ?? '',
      address: person?.address.address ?? '',
    },
    phone: person?.phone ?? '',
    disability: person?.disability ?? 'none',
    bankName: '',
    accountNumber: '',
    removeBank: false,
  };
}

interface FormProps {
  person: PersonRead | null;
  onSaved: (person: PersonRead) => void;
  onReload?: () => void;
}

/** Registration (person === null) or editing of a person, with the API's field messages. */
export function PersonForm({ person, onSaved, onReload }: FormProps) {
  const t = useT();
  const { me } = useSession();
  const [form, setForm] = useState<PersonForm>(() =>
    initialForm(person, me?.sigungu_code ?? '', me?.emd_code ?? null),
  );
  const save = useMutation({
    mutationFn: (f: PersonForm) =>
      person
        ? call(() =>
            api.PATCH('/api/v1/persons/{person_id}', {
              params: { path: { person_id: person.id }, ...purpose('personEdit') },
              body: updateBody(f, person),
            }),
          )
        : call(() => api.POST('/api/v1/persons', { params: purpose('personCreate'), body: createBody(f) })),
    onSuccess: onSaved,
  });
  const messages = fieldMessages(save.error, t);
  const byField = messagesByField(messages);
  const stale = save.error instanceof ApiError && save.error.status === 409 && person !== null;
  const summary = summaryText(save.error, messages, t);
  const set = <K extends keyof PersonForm>(key: K, value: PersonForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    save.mutate(form);
  };

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={person ? t('person.editTitle') : t('person.newTitle')}>
      <ErrorSummary
        messages={messages}
        summary={summary}
        focusKey={save.error}
        controlId={(field) => (field in LABELS ? personFieldId(field) : null)}
        labelOf={(field) => (LABELS[field] ? t(LABELS[field]) : null)}
      />
      {stale && onReload ? (
        <Notice tone="warning">
          {t('person.staleHelp')}{' '}
          <button type="button" className="button button--small" onClick={onReload}>
            {t('person.reload')}
          </button>
        </Notice>
      ) : null}
      <fieldset className="fieldset">
        <legend>{t('person.basic')}</legend>
        <div className="grid grid--3">
          <Field id={personFieldId('name')} label={t('person.name')} required error={byField.get('name')}>
            {(c) => (
              <input {...c} className="input" autoComplete="off" value={form.name} onChange={(e) => set('name', e.target.value)} />
            )}
          </Field>
          {person ? null : (
            <Field
              id={personFieldId('rrn')}
              label={t('person.rrn')}
              hint={t('rrn.hint')}
              required
              error={byField.get('rrn')}
            >
              {(c) => <RrnInput {...c} value={form.rrn} onChange={(digits) => set('rrn', digits)} />}
            </Field>
          )}
          <Field id={personFieldId('disability')} label={t('person.disability')} error={byField.get('disability')}>
            {(c) => (
              <select
                {...c}
                className="input"
                value={form.disability}
                onChange={(e) => set('disability', e.target.value as Disability)}
              >
                {DISABILITIES.map((d) => (
                  <option key={d} value={d}>
                    {t(`disability.${d}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={personFieldId('phone')}
            label={t('person.phone')}
            hint={t('person.phoneHint')}
            error={byField.get('phone')}
          >
            {(c) => (
              <input
                {...c}
                className="input"
                type="tel"
                autoComplete="off"
                value={form.phone}
                onChange={(e) => set('phone', e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <AddressFields
        value={form.address}
        onChange={(address) => set('address', address)}
        errors={byField}
        fieldId={personFieldId}
      />
      <fieldset className="fieldset">
        <legend>{t('person.bank')}</legend>
        {person?.bank_account ? (
          <p className="muted">
            {t('person.bankCurrent', { bank: person.bank_account.bank_name, number: person.bank_account.account_masked })}
          </p>
        ) : null}
        <div className="grid grid--3">
          <Field id={personFieldId('bank_account.bank_name')} label={t('person.bankName')} error={byField.get('bank_account.bank_name')}>
            {(c) => (
              <input {...c} className="input" autoComplete="off" value={form.bankName} onChange={(e) => set('bankName', e.target.value)} />
            )}
          </Field>
          <Field
            id={personFieldId('bank_account.account_number')}
            label={t('person.accountNumber')}
            hint={t('person.accountHint')}
            error={byField.get('bank_account.account_number')}
          >
            {(c) => (
              <input
                {...c}
                className="input"
                inputMode="numeric"
                autoComplete="off"
                value={form.accountNumber}
                onChange={(e) => set('accountNumber', e.target.value)}
              />
            )}
          </Field>
        </div>
        {person?.bank_account ? (
          <div className="checkbox">
            <input
              id="pf-remove-bank"
              type="checkbox"
              checked={form.removeBank}
              onChange={(e) => set('removeBank', e.target.checked)}
            />
            <label htmlFor="pf-remove-bank">{t('person.removeBank')}</label>
          </div>
        ) : null}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : person ? t('common.save') : t('person.register')}
        </button>
        <Link className="button" to={person ? `/persons/${person.id}` : '/'}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

export function PersonCreatePage() {
  const t = useT();
  const navigate = useNavigate();
  const cache = useRegistryCache();
  return (
    <>
      <PageTitle title={t('person.newTitle')}>{t('person.newTitle')}</PageTitle>
      <p className="muted">{t('person.newLead')}</p>
      <PersonForm
        person={null}
        onSaved={(saved) => {
          cache.person(saved);
          void navigate(`/persons/${saved.id}`, { state: { flash: 'person.created' } });
        }}
      />
    </>
  );
}

export function PersonEditPage() {
  const { personId = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const cache = useRegistryCache();
  const person = usePerson(personId);
  const [formKey, setFormKey] = useState(0);

  return (
    <>
      <PageTitle title={t('person.editTitle')}>
        {t('person.editTitle')}
        {person.data ? <span className="subtitle"> {person.data.name}</span> : null}
      </PageTitle>
      {person.isPending ? (
        <Loading />
      ) : person.isError ? (
        <ProblemNotice error={person.error} />
      ) : (
        <PersonForm
          key={`${person.data.id}-${person.data.version}-${formKey}`}
          person={person.data}
          onSaved={(saved) => {
            cache.person(saved);
            void navigate(`/persons/${saved.id}`, { state: { flash: 'person.updated' } });
          }}
          onReload={() => {
            void person.refetch().then(() => setFormKey((k) => k + 1));
          }}
        />
      )}
    </>
  );
}
