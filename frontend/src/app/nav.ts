import { SCOPES } from '../features/auth/scopes';
import type { MessageKey } from '../shared/i18n/messages';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** The scope the screen needs; without it the item is not shown (nor the route allowed). */
  scope?: string;
  end?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.dashboard', end: true },
  { to: '/applications', label: 'nav.applications', scope: SCOPES.applicationsRead, end: true },
  { to: '/applications/new', label: 'nav.intake', scope: SCOPES.applicationsWrite },
  { to: '/applications/overdue', label: 'nav.overdue', scope: SCOPES.applicationsRead },
  { to: '/certificates', label: 'nav.certificates', scope: SCOPES.certificatesRead },
  { to: '/payments', label: 'nav.payments', scope: SCOPES.paymentsRead },
  { to: '/persons/search', label: 'nav.search', scope: SCOPES.registryRead },
  { to: '/persons/new', label: 'nav.personNew', scope: SCOPES.registryWrite },
  { to: '/households/new', label: 'nav.householdNew', scope: SCOPES.registryWrite },
  { to: '/simulation', label: 'nav.simulation', scope: SCOPES.referenceRead },
];

/** What the navigation shows for these scopes. */
export function visibleNav(scopes: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.scope === undefined || scopes.includes(item.scope));
}
