/**
 * The one state machine of a three-party joint guarantee (三方联保): the township government,
 * the village committee and a guarantor household each sign; it takes effect only when all
 * three have; a party that declines must be replaced first. Not effective by its deadline, it
 * lapses (and may be reopened once). A default invokes it; repayment releases it; a write-off
 * closes it as a loss. Plain data in, plain data out: no framework, no database.
 */
export const GUARANTEE_STATUSES = ['open', 'effective', 'lapsed', 'invoked', 'released', 'loss'] as const;
export type GuaranteeStatus = (typeof GUARANTEE_STATUSES)[number];

export const PARTY_ROLES = ['township', 'village', 'household'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** unnamed: the household is still to be named; pending: named, not yet signed. */
export const PARTY_STATUSES = ['unnamed', 'pending', 'signed', 'declined'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

export type GuaranteeStep = 'name' | 'replace' | 'sign' | 'decline' | 'lapse' | 'reopen' | 'invoke' | 'release' | 'write-off';

/** Steps another service or the sweep takes; never offered to a user as a next step. */
const SYSTEM_STEPS: readonly GuaranteeStep[] = ['lapse', 'invoke', 'release', 'write-off'];

/** While a guarantee is in one of these, its household stands behind an open loan (the household limit counts them). */
export const HOLDING_STATUSES: readonly GuaranteeStatus[] = ['open', 'lapsed', 'effective', 'invoked'];

export interface GuaranteeState {
  status: GuaranteeStatus;
  /** A lapsed guarantee may be reopened once. */
  reopened: boolean;
  parties: Record<PartyRole, PartyStatus>;
}

export class GuaranteeStepError extends Error {
  constructor(
    readonly current: GuaranteeStatus,
    readonly step: GuaranteeStep,
    readonly role: PartyRole | undefined,
    readonly allowed: string[],
    reason: string,
  ) {
    super(`A guarantee that is ${current} cannot take the step "${step}"${role ? ` for the ${role}` : ''}: ${reason}. Allowed next: ${allowed.join(', ') || 'none'}.`);
    this.name = 'GuaranteeStepError';
  }
}

/** A new guarantee: township and village named by the application, the household not yet. */
export function openedState(): GuaranteeState {
  return { status: 'open', reopened: false, parties: { township: 'pending', village: 'pending', household: 'unnamed' } };
}

/** Why `step` (for `role`) is not allowed now, or undefined when it is. */
function refusal(state: GuaranteeState, step: GuaranteeStep, role?: PartyRole): string | undefined {
  const party = role ? state.parties[role] : undefined;
  switch (step) {
    case 'name':
      if (state.status !== 'open') return 'parties change only while it is open';
      return role === 'household' && party === 'unnamed' ? undefined : 'only an unnamed household is named; replace a named party';
    case 'replace':
      if (state.status !== 'open') return 'parties change only while it is open';
      return party === 'pending' || party === 'declined' ? undefined : `the ${role} is ${party}`;
    case 'sign':
    case 'decline':
      if (state.status !== 'open') return 'parties sign only while it is open';
      return party === 'pending' ? undefined : party === 'unnamed' ? `the ${role} is not named yet` : `the ${role} has ${party}`;
    case 'lapse':
      return state.status === 'open' ? undefined : 'only an open guarantee lapses';
    case 'reopen':
      if (state.status !== 'lapsed') return 'only a lapsed guarantee is reopened';
      return state.reopened ? 'it was reopened once already' : undefined;
    case 'invoke':
      return state.status === 'effective' ? undefined : 'only an effective guarantee is invoked';
    case 'release':
    case 'write-off':
      return state.status === 'effective' || state.status === 'invoked' ? undefined : 'only an effective or invoked guarantee ends so';
  }
}

/** What a user may do next, as `step` or `step:role` (what a 409 offers). */
export function allowedSteps(state: GuaranteeState): string[] {
  const steps: string[] = [];
  for (const step of ['name', 'replace', 'sign', 'decline', 'reopen'] as GuaranteeStep[]) {
    if (step === 'reopen') {
      if (!refusal(state, step)) steps.push(step);
      continue;
    }
    for (const role of PARTY_ROLES) if (!refusal(state, step, role)) steps.push(`${step}:${role}`);
  }
  return steps.filter((s) => !SYSTEM_STEPS.includes(s as GuaranteeStep));
}

export function assertStep(state: GuaranteeState, step: GuaranteeStep, role?: PartyRole): void {
  const reason = refusal(state, step, role);
  if (reason) throw new GuaranteeStepError(state.status, step, role, allowedSteps(state), reason);
}

/** The state after `step`; GuaranteeStepError when it is not allowed. `effective` says the last signature made it take effect. */
export function nextState(state: GuaranteeState, step: GuaranteeStep, role?: PartyRole): { state: GuaranteeState; effective: boolean } {
  assertStep(state, step, role);
  const parties = { ...state.parties };
  let status = state.status;
  let reopened = state.reopened;
  switch (step) {
    case 'name':
    case 'replace':
      parties[role!] = 'pending';
      break;
    case 'sign':
      parties[role!] = 'signed';
      break;
    case 'decline':
      parties[role!] = 'declined';
      break;
    case 'lapse':
      status = 'lapsed';
      break;
    case 'reopen':
      status = 'open';
      reopened = true;
      break;
    case 'invoke':
      status = 'invoked';
      break;
    case 'release':
      status = 'released';
      break;
    case 'write-off':
      status = 'loss';
      break;
  }
  const effective = step === 'sign' && PARTY_ROLES.every((r) => parties[r] === 'signed');
  if (effective) status = 'effective';
  return { state: { status, reopened, parties }, effective };
}

/** Lapses when the business date is past the deadline and it is still open. */
export function isPastDeadline(state: GuaranteeState, deadline: string, businessDate: string): boolean {
  return state.status === 'open' && businessDate > deadline;
}
