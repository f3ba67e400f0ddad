/** Who a user is in the programme; the token carries one, every scope rule switches on it. */
export const ROLES = ['officer', 'project_manager', 'partner', 'foundation', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
