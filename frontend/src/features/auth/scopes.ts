/** Scope names as the API grants them (api/security/scopes.py). */
export const SCOPES = {
  registryRead: 'registry:read',
  registryWrite: 'registry:write',
  registryRrn: 'registry:rrn',
  referenceRead: 'reference:read',
  applicationsRead: 'applications:read',
  applicationsWrite: 'applications:write',
  investigationsRead: 'investigations:read',
  investigationsWrite: 'investigations:write',
  decisionsRead: 'decisions:read',
  decisionsWrite: 'decisions:write',
  certificatesRead: 'certificates:read',
  certificatesWrite: 'certificates:write',
  paymentsRead: 'payments:read',
  paymentsWrite: 'payments:write',
} as const;

export const ROLES = [
  'intake',
  'investigator',
  'decision_maker',
  'payment_officer',
  'privacy_officer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
