import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { call } from '../../api/problem';
import { purpose } from '../../api/purpose';
import type { PersonRead, PersonSummary } from '../../api/types';
import { fieldMessages, messagesByField, summaryText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import type { MessageKey } from '../../shared/i18n/messages';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Loading, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { api } from '../auth/session';
import { useSession } from '../auth/useSession';
import { AddressFields, addressFromForm, type AddressForm } from './AddressFields';
import { PersonPicker } from './PersonPicker';
import { usePerson, useRegistryCache } from './queries';

const LABELS: Record<string, MessageKey> = {
  head_person_id: 'household.head',
  address: 'person.addressTitle',
  'address.sigungu_code': 'person.sigungu',
  'address.emd_code': 'person.emdCode',
  'address.emd_name': 'person.emd',
  'address.address': 'person.address',
};

const fieldId = (field: string) => (field === 'head_person_id' ? 'hh-head-picker' : `hh-${field.replace(/\./g, '-')}`);

function summaryOf(p: PersonRead): PersonSummary {
  return {
    id: p.id,
    name: p.name,
    rrn_masked: p.rrn_masked,
    birth_date: p.birth_date,
    sex: p.sex,
    sigungu_code: p.address.sigungu_code,
    emd_name: p.address.emd_name ?? null,
  };
}

function HouseholdForm({ head: initialHead, address: initialAddress }: { head: PersonRead | null; address: AddressForm }) {
  const t = useT();
  const navigate = useNavigate();
  const cache = useRegistryCache();
  const [head, setHead] = useState<PersonSummary | null>(initialHead ? summaryOf(initialHead) : null);
  const [address, setAddress] = useState<AddressForm>(initialAddress);
  const [noHead, setNoHead] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const create = useMutation({
    mutationFn: (headId: string) =>
      call(() =>
        api.POST('/api/v1/households', {
          params: purpose('householdCreate'),
          body: { head_person_id: headId, address: addressFromForm(address) },
        }),
      ),
    onSuccess: (household) => {
      cache.household(household);
      void navigate(`/households/${household.id}`, { state: { flash: 'household.created' } });
    },
  });
  const messages = fieldMessages(create.error, t);
  const byField = messagesByField(messages);
  const summary = summaryText(create.error, messages, t);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setNoHead(head === null);
    setAttempts((n) => n + 1);
    if (head) create.mutate(head.id);
  };

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t('household.newTitle')}>
      <ErrorSummary
        messages={noHead ? [{ field: 'head_person_id', message: t('household.headRequired') }, ...messages] : messages}
        summary={summary}
        focusKey={create.error ?? (noHead ? attempts : null)}
        controlId={(field) => (field in LABELS ? fieldId(field) : null)}
        labelOf={(field) => (LABELS[field] ? t(LABELS[field]) : null)}
      />
      <PersonPicker
        idPrefix="hh-head"
        label={t('household.head')}
        selected={head}
        onSelect={(p) => {
          setHead(p);
          setNoHead(false);
        }}
        error={noHead ? t('household.headRequired') : byField.get('head_person_id')}
      />
      <AddressFields value={address} onChange={setAddress} errors={byField} fieldId={fieldId} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('household.create')}
        </button>
        <Link className="button" to="/">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

export function HouseholdCreatePage() {
  const t = useT();
  const [params] = useSearchParams();
  const headId = params.get('head');
  const { me } = useSession();
  return (
    <>
      <PageTitle title={t('household.newTitle')}>{t('household.newTitle')}</PageTitle>
      <p className="muted">{t('household.newLead')}</p>
      {headId ? (
        <WithHead id={headId} />
      ) : (
        <HouseholdForm
          head={null}
          address={{ sigungu_code: me?.sigungu_code ?? '', emd_code: me?.emd_code ?? '', emd_name: '', address: '' }}
        />
      )}
    </>
  );
}

function WithHead({ id }: { id: string }) {
  const person = usePerson(id);
  if (person.isPending) return <Loading />;
  if (person.isError) return <ProblemNotice error={person.error} />;
  const a = person.data.address;
  return (
    <HouseholdForm
      head={person.data}
      address={{ sigungu_code: a.sigungu_code, emd_code: a.emd_code ?? '', emd_name: a.emd_name ?? '', address: a.address }}
    />
  );
}
