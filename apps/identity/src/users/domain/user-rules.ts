import { Role } from '@xingfu/kernel';

/**
 * What a user must carry to be usable. The token a user receives holds these scopes and
 * every service's scope check reads them, so a user missing the scope their role works in
 * would be able to log in yet see nothing: refused at creation instead.
 * (No Nest or TypeORM here: plain rules, tested on their own.)
 */

export interface UserScopeInput {
  role: Role;
  townships?: string[];
  counties?: string[];
  partnerId?: string | null;
}

/** Field → messages, in the same shape as request validation errors; empty when fine. */
export type UserProblems = Record<string, string[]>;

export function userScopeProblems(input: UserScopeInput): UserProblems {
  const problems: UserProblems = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  if (input.role === 'officer' && !(input.townships ?? []).length) {
    add('townships', 'an officer needs at least one township');
  }
  if (input.role === 'project_manager' && !(input.counties ?? []).length) {
    add('counties', 'a project manager needs at least one county');
  }
  if (input.role === 'partner' && !input.partnerId?.trim()) {
    add('partnerId', 'a partner user needs a partnerId');
  }
  return problems;
}

/** Usernames are case-insensitive: stored and looked up lowercased. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Sorted and without repeats, so the stored scope (and the token) reads the same however it was typed. */
export function normalizeCodes(codes: string[] | undefined): string[] {
  return [...new Set(codes ?? [])].sort();
}
