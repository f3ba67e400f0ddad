import { DueReminder, dueOf, GuarantorParty } from './due-offsets';
import { isLoanClosed, LoanStatus } from './due-instalments';

/** A loan that defaulted (LoanDefaulted): the project manager hears of it that day. */
export interface DefaultState {
  loanId: string;
  defaultedOn: string;
  loanStatus: LoanStatus;
  nameMasked?: string;
  villageCode?: string;
}

export function defaultRemindersDueOn(date: string, d: DefaultState): DueReminder[] {
  if (isLoanClosed(d.loanStatus)) return [];
  const due = dueOf('loan-defaulted-manager', d.loanId, d.defaultedOn, date, { loanId: d.loanId, ...known(d) });
  return due ? [due] : [];
}

/** One party's demand on an invoked guarantee (GuaranteeInvoked): that party is told the day it is made. */
export interface DemandState {
  demandId: string;
  loanId: string;
  party: GuarantorParty;
  partyName: string;
  liabilityFen: number;
  demandedOn: string;
  loanStatus?: LoanStatus;
  nameMasked?: string;
  villageCode?: string;
}

export function demandRemindersDueOn(date: string, d: DemandState): DueReminder[] {
  if (d.loanStatus && isLoanClosed(d.loanStatus)) return [];
  const facts = { loanId: d.loanId, amountFen: d.liabilityFen, partyName: d.partyName, partyRole: d.party, ...known(d) };
  const due = dueOf('guarantee-demand', d.demandId, d.demandedOn, date, facts, d.party);
  return due ? [due] : [];
}

/** The mother's masked name and village, when the read model has them, for the template. */
export function known(s: { nameMasked?: string; villageCode?: string }): { nameMasked?: string; villageCode?: string } {
  return { ...(s.nameMasked !== undefined && { nameMasked: s.nameMasked }), ...(s.villageCode !== undefined && { villageCode: s.villageCode }) };
}
