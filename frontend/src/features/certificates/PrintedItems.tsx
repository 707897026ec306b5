import { useT } from '../../shared/i18n/context';
import { itemLabel } from './catalogue';

/** The items a certificate prints, as a list of labels. */
export function PrintedItems({ items, testId }: { items: readonly string[]; testId?: string }) {
  const t = useT();
  return (
    <ul className="cert-items" data-testid={testId}>
      {items.map((item) => (
        <li key={item} className={item === 'rrn_full' ? 'cert-items__item cert-items__item--sensitive' : 'cert-items__item'}>
          {itemLabel(t, item)}
        </li>
      ))}
    </ul>
  );
}
