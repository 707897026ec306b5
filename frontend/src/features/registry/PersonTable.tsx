import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { PersonSummary } from '../../api/types';
import { useT } from '../../shared/i18n/context';
import { sigunguLabel, useSigungu } from './reference';

interface Props {
  people: readonly PersonSummary[];
  caption: string;
  /** An action per row (e.g. 선택); by default the name links to the person. */
  action?: (person: PersonSummary) => ReactNode;
}

export function PersonTable({ people, caption, action }: Props) {
  const t = useT();
  const sigungu = useSigungu();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('person.rrn')}</th>
            <th scope="col">{t('person.birthDate')}</th>
            <th scope="col">{t('person.sex')}</th>
            <th scope="col">{t('person.sigungu')}</th>
            <th scope="col">{t('person.emd')}</th>
            {action ? <th scope="col">{t('common.action')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <th scope="row">{action ? p.name : <Link to={`/persons/${p.id}`}>{p.name}</Link>}</th>
              <td className="mono">{p.rrn_masked}</td>
              <td>{p.birth_date}</td>
              <td>{t(`sex.${p.sex}`)}</td>
              <td>{sigunguLabel(sigungu.data, p.sigungu_code)}</td>
              <td>{p.emd_name ?? '—'}</td>
              {action ? <td>{action(p)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
