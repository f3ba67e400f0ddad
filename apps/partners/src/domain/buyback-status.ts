/**
 * A buyback as the partner records it waits for the officer, on the mother's behalf: confirmed,
 * it is final (and only then does loans withhold); disputed, it waits for the project manager,
 * who upholds it (confirmed as recorded), corrects it (confirmed with new figures) or voids it
 * (nothing paid through the system, nothing withheld).
 */
export const BUYBACK_STATUSES = ['recorded', 'confirmed', 'disputed', 'voided'] as const;
export type BuybackStatus = (typeof BUYBACK_STATUSES)[number];

export const SETTLEMENT_OUTCOMES = ['upheld', 'corrected', 'voided'] as const;
export type SettlementOutcome = (typeof SETTLEMENT_OUTCOMES)[number];

export type BuybackStep = 'confirm' | 'dispute' | 'settle';

export class BuybackStepError extends Error {
  constructor(
    readonly current: BuybackStatus,
    readonly step: BuybackStep,
    readonly allowed: BuybackStep[],
  ) {
    super(`A buyback that is ${current} cannot take the step "${step}". Allowed next: ${allowed.join(', ') || 'none'}.`);
    this.name = 'BuybackStepError';
  }
}

const FROM: Record<BuybackStep, BuybackStatus> = { confirm: 'recorded', dispute: 'recorded', settle: 'disputed' };

export function allowedBuybackSteps(status: BuybackStatus): BuybackStep[] {
  return (Object.keys(FROM) as BuybackStep[]).filter((step) => FROM[step] === status);
}

/** The status after the step; a settlement confirms unless it voids. */
export function nextBuybackStatus(status: BuybackStatus, step: BuybackStep, outcome?: SettlementOutcome): BuybackStatus {
  if (FROM[step] !== status) throw new BuybackStepError(status, step, allowedBuybackSteps(status));
  if (step === 'confirm') return 'confirmed';
  if (step === 'dispute') return 'disputed';
  if (!outcome) throw new Error('a settlement needs its outcome');
  return outcome === 'voided' ? 'voided' : 'confirmed';
}

/** Only a confirmed buyback moves money in loans (BuybackConfirmed). */
export const isFinal = (status: BuybackStatus) => status === 'confirmed' || status === 'voided';
