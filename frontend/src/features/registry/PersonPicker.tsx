import { useState } from 'react';
import type { PersonSummary } from '../../api/types';
import { problemText } from '../../shared/errors';
import { useT } from '../../shared/i18n/context';
import { Loading, Notice } from '../../shared/ui/Notice';
import { NameSearchForm } from './NameSearchForm';
import { PersonTable } from './PersonTable';
import { usePersonSearch, type SearchCriteria } from './queries';

interface Props {
  idPrefix: string;
  selected: PersonSummary | null;
  onSelect: (person: PersonSummary | null) => void;
  /** The field's error from the API (e.g. head_person_id), shown with the choice. */
  error?: string | undefined;
  label: string;
  /** What the search is for, recorded in the 접속기록 (a household member by default). */
  why?: 'pickPerson' | 'pickApplicant';
}

/** Picks a person by searching the registry (성명 + 생년월일) instead of typing an id. */
export function PersonPicker({ idPrefix, selected, onSelect, error, label, why = 'pickPerson' }: Props) {
  const t = useT();
  const [criteria, setCriteria] = useState<SearchCriteria | null>(null);
  const search = usePersonSearch(criteria, why);

  return (
    <fieldset className="fieldset" id={`${idPrefix}-picker`} aria-describedby={error ? `${idPrefix}-picker-error` : undefined}>
      <legend>{label}</legend>
      {error ? (
        <p className="field-error" id={`${idPrefix}-picker-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {selected ? (
        <div className="picked" role="status">
          <span>
            {t('picker.selected')}: <strong>{selected.name}</strong> <span className="mono">{selected.rrn_masked}</span> ·{' '}
            {selected.birth_date}
          </span>{' '}
          <button type="button" className="button button--small" onClick={() => onSelect(null)}>
            {t('picker.change')}
          </button>
        </div>
      ) : (
        <>
          <NameSearchForm idPrefix={idPrefix} onSearch={setCriteria} busy={search.isFetching} nested />
          <div aria-live="polite">
            {criteria === null ? null : search.isPending ? (
              <Loading />
            ) : search.isError ? (
              <Notice tone="error">{problemText(search.error, t)}</Notice>
            ) : search.data.length === 0 ? (
              <p>{t('search.none', { name: criteria.name })}</p>
            ) : (
              <PersonTable
                people={search.data}
                caption={t('search.caption', { name: criteria.name, count: search.data.length })}
                action={(p) => (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('picker.chooseName', { name: p.name, birth: p.birth_date })}
                    onClick={() => onSelect(p)}
                  >
                    {t('picker.choose')}
                  </button>
                )}
              />
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}
