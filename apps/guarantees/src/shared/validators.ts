import { validationFailed } from '@xingfu/kernel';
import { PARTY_ROLES, PartyRole } from '../domain/guarantee-status';

/** The :role of a route, or 400 in the one error shape naming it. */
export function parseRole(value: string, allowed: readonly PartyRole[] = PARTY_ROLES): PartyRole {
  if ((allowed as readonly string[]).includes(value)) return value as PartyRole;
  throw validationFailed({ role: [`role must be one of ${allowed.join(', ')}`] });
}
