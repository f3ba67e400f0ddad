export const ROLES = ['officer', 'project_manager', 'partner', 'foundation', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The caller, as carried in the access token: role and the scopes it may act in. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  /** 9-digit township codes (officers). */
  townships: string[];
  /** 6-digit county codes (project managers). */
  counties: string[];
  /** The partner (company, lead farmer, park) a partner user acts for. */
  partnerId: string | null;
}

export function actorOf(user: AuthUser): string {
  return `user:${user.id}`;
}
