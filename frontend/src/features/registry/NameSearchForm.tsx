import { useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { useT } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import type { SearchCriteria } from './queries';

interface Props {
  idPrefix: string;
  initial?: SearchCriteria | null;
  onSearch: (criteria: SearchCriteria) => void;
  busy?: boolean;
  nameError?: string | undefined;
  birthDateError?: string | undefined;
  /** Inside another form (a picker): a search group instead of a nested <form>; Enter searches. */
  nested?: boolean;
}

/** 성명 (exact) and, optionally, 생년월일. */
export function NameSearchForm({ idPrefix, initial, onSearch, busy, nameError, birthDateError, nested }: Props) {
  const t = useT();
  const [name, setName] = useState(initial?.name ?? '');
  const [birthDate, setBirthDate] = useState(initial?.birthDate ?? '');
  const [missing, setMissing] = useState(false);

  const search = () => {
    const trimmed = name.trim();
    setMissing(trimmed === '');
    if (trimmed) onSearch({ name: trimmed, birthDate });
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    search();
  };
  // In a picker, Enter in a search field searches instead of submitting the enclosing form.
  const enterSearches = (event: KeyboardEvent<HTMLInputElement>) => {
    if (nested && event.key === 'Enter') {
      event.preventDefault();
      search();
    }
  };

  const fields = (
    <>
      <Field
        id={`${idPrefix}-name`}
        label={t('person.name')}
        required
        error={missing ? t('search.nameRequired') : nameError}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={enterSearches}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-birth`} label={t('person.birthDate')} hint={t('common.optional')} error={birthDateError}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="date"
            value={birthDate}
            onChange={(e) => setBirthDate(e.target.value)}
            onKeyDown={enterSearches}
          />
        )}
      </Field>
    </>
  );

  if (nested) {
    return (
      <div className="form-row" role="search" aria-label={t('search.byName')}>
        {fields}
        <div className="form-row__actions">
          <button type="button" className="button" disabled={busy} onClick={search}>
            {t('search.submit')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="form-row" aria-label={t('search.byName')}>
      {fields}
      <div className="form-row__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('search.submit')}
        </button>
      </div>
    </form>
  );
}
