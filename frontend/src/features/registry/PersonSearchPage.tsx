import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/problem';
import { fieldMessages, messagesByField, problemText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Loading, Notice } from '../../shared/ui/Notice';
import { PageTitle } from '../../shared/ui/PageTitle';
import { NameSearchForm } from './NameSearchForm';
import { PersonTable } from './PersonTable';
import { usePersonSearch, useRrnLookup, type SearchCriteria } from './queries';
import { RRN_DIGITS } from './rrn';
import { RrnInput } from './RrnInput';

// The last name search, in memory only, so that coming back from a person shows the same list.
let lastSearch: SearchCriteria | null = null;

export function PersonSearchPage() {
  const t = useT();
  const navigate = useNavigate();
  const [criteria, setCriteria] = useState<SearchCriteria | null>(lastSearch);
  const search = usePersonSearch(criteria);
  const searchErrors = messagesByField(fieldMessages(search.error, t));

  const [rrn, setRrn] = useState('');
  const [rrnShort, setRrnShort] = useState(false);
  const lookup = useRrnLookup();
  const lookupErrors = messagesByField(fieldMessages(lookup.error, t));

  const runSearch = (next: SearchCriteria) => {
    lastSearch = next;
    setCriteria(next);
  };

  const runLookup = (event: SubmitEvent) => {
    event.preventDefault();
    setRrnShort(rrn.length !== RRN_DIGITS);
    if (rrn.length !== RRN_DIGITS) return;
    lookup.mutate(rrn, {
      onSuccess: (person) => {
        setRrn('');
        void navigate(`/persons/${person.id}`);
      },
    });
  };

  const lookupNotFound = lookup.error instanceof ApiError && lookup.error.status === 404;
  const lookupGeneral = lookup.error && !lookupErrors.size ? (lookupNotFound ? t('search.noneByRrn') : problemText(lookup.error, t)) : null;

  return (
    <>
      <PageTitle title={t('search.title')}>{t('search.title')}</PageTitle>
      <p className="muted">{t('search.lead')}</p>
      <div className="panels">
        <section className="panel" aria-labelledby="by-name-title">
          <h2 id="by-name-title">{t('search.byName')}</h2>
          <NameSearchForm
            idPrefix="search"
            initial={criteria}
            onSearch={runSearch}
            busy={search.isFetching}
            nameError={searchErrors.get('name')}
            birthDateError={searchErrors.get('birth_date')}
          />
        </section>
        <section className="panel" aria-labelledby="by-rrn-title">
          <h2 id="by-rrn-title">{t('search.byRrn')}</h2>
          <form onSubmit={runLookup} noValidate className="form-row" aria-label={t('search.byRrn')}>
            <Field
              id="lookup-rrn"
              label={t('person.rrn')}
              hint={t('rrn.hint')}
              required
              error={rrnShort ? t('rrn.incomplete') : lookupErrors.get('rrn')}
            >
              {(control) => <RrnInput {...control} value={rrn} onChange={setRrn} />}
            </Field>
            <div className="form-row__actions">
              <button type="submit" className="button button--primary" disabled={lookup.isPending}>
                {t('search.lookup')}
              </button>
            </div>
          </form>
          {lookupGeneral ? <Notice tone={lookupNotFound ? 'info' : 'error'} live>{lookupGeneral}</Notice> : null}
        </section>
      </div>

      <section aria-labelledby="results-title" className="section">
        <h2 id="results-title">{t('search.results')}</h2>
        <div aria-live="polite">
          {criteria === null ? (
            <p className="muted">{t('search.prompt')}</p>
          ) : search.isPending ? (
            <Loading />
          ) : search.isError ? (
            searchErrors.size ? null : <Notice tone="error">{problemText(search.error, t)}</Notice>
          ) : search.data.length === 0 ? (
            <p>{t('search.none', { name: criteria.name })}</p>
          ) : (
            <PersonTable
              people={search.data}
              caption={t('search.caption', { name: criteria.name, count: search.data.length })}
            />
          )}
        </div>
      </section>
    </>
  );
}
