import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import { call } from '../../api/problem';
import { purpose } from '../../api/purpose';
import type { HouseholdRead, MemberAdd, PersonSummary } from '../../api/types';
import { fieldMessages, messagesByField, summaryText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Field } from '../../shared/ui/Field';
import { Flash } from '../../shared/ui/Flash';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { SCOPES } from '../auth/scopes';
import { api } from '../auth/session';
import { useHasScope } from '../auth/useSession';
import { MEMBER_RELATIONS, relationLabel, type MemberRelation } from './labels';
import { PersonPicker } from './PersonPicker';
import { useHousehold, useRegistryCache } from './queries';
import { RrnReveal } from './RrnReveal';

function AddMemberForm({ household }: { household: HouseholdRead }) {
  const t = useT();
  const cache = useRegistryCache();
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [relation, setRelation] = useState<MemberRelation>('spouse');
  const [joinedOn, setJoinedOn] = useState('');
  const [noPerson, setNoPerson] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (body: MemberAdd) =>
      call(() =>
        api.POST('/api/v1/households/{household_id}/members', {
          params: { path: { household_id: household.id }, ...purpose('memberAdd') },
          body,
        }),
      ),
    onSuccess: (next, body) => {
      cache.household(next);
      setAdded(next.members.find((m) => m.person_id === body.person_id)?.name ?? '');
      setPerson(null);
      setJoinedOn('');
    },
  });
  const messages = fieldMessages(add.error, t);
  const byField = messagesByField(messages);
  const summary = summaryText(add.error, messages, t);
  const labels: Record<string, string> = {
    person_id: t('household.member'),
    relation: t('household.relation'),
    joined_on: t('household.joinedOn'),
  };
  const controlId = (field: string) =>
    field === 'person_id' ? 'add-member-picker' : field in labels ? `add-${field}` : null;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setNoPerson(person === null);
    setAdded(null);
    if (!person) return;
    const body: MemberAdd = { person_id: person.id, relation };
    if (joinedOn) body.joined_on = joinedOn;
    add.mutate(body);
  };

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t('household.addMember')}>
      <ErrorSummary
        messages={messages}
        summary={summary}
        focusKey={add.error}
        controlId={controlId}
        labelOf={(f) => labels[f] ?? null}
      />
      {added !== null ? (
        <Notice tone="success" live>
          {t('household.memberAddedName', { name: added })}
        </Notice>
      ) : null}
      <PersonPicker
        idPrefix="add-member"
        label={t('household.member')}
        selected={person}
        onSelect={(p) => {
          setPerson(p);
          setNoPerson(false);
        }}
        error={noPerson ? t('household.memberRequired') : byField.get('person_id')}
      />
      <div className="grid grid--4">
        <Field id="add-relation" label={t('household.relation')} required error={byField.get('relation')}>
          {(c) => (
            <select {...c} className="input" value={relation} onChange={(e) => setRelation(e.target.value as MemberRelation)}>
              {MEMBER_RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {relationLabel(t, r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="add-joined_on" label={t('household.joinedOn')} hint={t('household.joinedOnHint')} error={byField.get('joined_on')}>
          {(c) => <input {...c} className="input" type="date" value={joinedOn} onChange={(e) => setJoinedOn(e.target.value)} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {t('household.addMember')}
        </button>
      </div>
    </form>
  );
}

export function HouseholdDetailPage() {
  const { householdId = '' } = useParams();
  const t = useT();
  const household = useHousehold(householdId);
  const canWrite = useHasScope(SCOPES.registryWrite);
  const canSeeRrn = useHasScope(SCOPES.registryRrn);

  if (household.isPending || household.isError) {
    return (
      <>
        <PageTitle title={t('household.title')}>{t('household.title')}</PageTitle>
        {household.isPending ? <Loading /> : <ProblemNotice error={household.error} />}
      </>
    );
  }
  const h = household.data;
  const head = h.members.find((m) => m.relation === 'head');
  return (
    <>
      <PageTitle title={`${t('household.title')} ${head?.name ?? ''}`}>
        {t('household.title')}
        {head ? <span className="subtitle"> {t('household.headed', { name: head.name })}</span> : null}
      </PageTitle>
      <Flash />
      <section className="panel" aria-labelledby="hh-address">
        <h2 id="hh-address">{t('person.addressTitle')}</h2>
        <dl className="details">
          <dt>{t('person.sigungu')}</dt>
          <dd>
            {h.address.sigungu_name} ({h.address.sigungu_code})
          </dd>
          <dt>{t('person.emd')}</dt>
          <dd>{h.address.emd_name ? `${h.address.emd_name} (${h.address.emd_code ?? ''})` : (h.address.emd_code ?? '—')}</dd>
          <dt>{t('person.address')}</dt>
          <dd>{h.address.address}</dd>
        </dl>
      </section>
      <section className="section" aria-labelledby="hh-members">
        <h2 id="hh-members">{t('household.members', { count: h.members.length })}</h2>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('household.members', { count: h.members.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('household.relation')}</th>
                <th scope="col">{t('person.rrn')}</th>
                <th scope="col">{t('person.birthDate')}</th>
                <th scope="col">{t('household.joinedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {h.members.map((m) => (
                <tr key={m.person_id}>
                  <th scope="row">
                    <Link to={`/persons/${m.person_id}`}>{m.name}</Link>
                  </th>
                  <td>{relationLabel(t, m.relation)}</td>
                  <td>
                    {canSeeRrn ? (
                      <RrnReveal personId={m.person_id} masked={m.rrn_masked} personName={m.name} />
                    ) : (
                      <span className="mono">{m.rrn_masked}</span>
                    )}
                  </td>
                  <td>{m.birth_date}</td>
                  <td>{m.joined_on}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {canWrite ? (
        <section className="panel" aria-labelledby="hh-add">
          <h2 id="hh-add">{t('household.addMember')}</h2>
          <AddMemberForm household={h} />
        </section>
      ) : null}
    </>
  );
}
