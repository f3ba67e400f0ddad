import { addDays, daysBetween } from '@xingfu/kernel';

/**
 * A defaulted loan is written off only once the guarantors have had 30 days to answer their
 * demands (made the day the guarantee was invoked), unless the foundation gives a reason to do
 * it sooner. The demands date is the guarantee's invocation as guarantees reported it; until
 * that report arrives, the default date (guarantees invokes on the date the loan defaulted).
 */
export const GUARANTOR_DEMAND_DAYS = 30;

export interface DemandsAge {
  demandedOn: string;
  ageDays: number;
  /** The first date a write-off needs no override. */
  writeOffFrom: string;
}

/** How old the demands are, or undefined when there are none to wait for. */
export function demandsAge(guaranteeInvokedOn: string | null, defaultedOn: string | null, today: string): DemandsAge | undefined {
  const demandedOn = guaranteeInvokedOn ?? defaultedOn;
  if (!demandedOn) return undefined;
  return { demandedOn, ageDays: daysBetween(demandedOn, today), writeOffFrom: addDays(demandedOn, GUARANTOR_DEMAND_DAYS) };
}

export function demandsTooRecent(age: DemandsAge | undefined): boolean {
  return !!age && age.ageDays < GUARANTOR_DEMAND_DAYS;
}
