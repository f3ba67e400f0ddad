import { DomainError } from '@xingfu/kernel';

/** How a guarantor household's head is related to the mother. `self` and `spouse` are her own household. */
export const RELATIONS = ['parent', 'sibling', 'child', 'relative', 'neighbour', 'villager', 'other', 'spouse', 'self'] as const;
export type Relation = (typeof RELATIONS)[number];
const OWN_HOUSEHOLD: readonly Relation[] = ['self', 'spouse'];

/** The project's default: a household guarantees at most this many open loans at once. */
export const DEFAULT_HOUSEHOLD_LIMIT = 2;
/** The project's default: days from opening by which all three must have signed. */
export const DEFAULT_DEADLINE_DAYS = 14;

/**
 * The mother's own household cannot be her guarantor: by her ID number (the head named is
 * she) or by the head's (the head named is the head of her household: she or her husband).
 * Compared as keyed hashes, never as numbers.
 */
export function ownHouseholdRefusal(input: { motherIdHash: string | null; headIdHash: string; relation: Relation }): DomainError | undefined {
  if (input.motherIdHash !== null && input.motherIdHash === input.headIdHash) {
    return new DomainError('invalid', 'own_household', 'The mother’s own household cannot be her guarantor: the head named is the mother herself.', {
      idNumber: ['is the mother’s own ID number'],
    });
  }
  if (OWN_HOUSEHOLD.includes(input.relation)) {
    return new DomainError('invalid', 'own_household', `The mother’s own household cannot be her guarantor: a head related as ${input.relation} is the head of her household.`, {
      relation: [`${input.relation} is the mother’s own household`],
    });
  }
  return undefined;
}

/** A guarantee the household already stands behind, as shown in the refusal: masked, nothing else. */
export interface HeldGuarantee {
  guaranteeId: string;
  applicationId: string;
  motherNameMasked: string;
  townshipCode: string;
  villageCode: string;
  status: string;
}

/** A household may stand behind at most `limit` open loans at once; the next is refused with the list of those it holds. */
export function householdLimitRefusal(held: readonly HeldGuarantee[], limit: number): DomainError | undefined {
  if (held.length < limit) return undefined;
  return new DomainError('conflict', 'household_limit', `This household already guarantees ${held.length} open loan(s); the project allows ${limit}.`, {
    limit,
    guarantees: held.map((g) => ({ ...g })),
  });
}
