import { GuarantorParty } from '../../domain/due-offsets';
import { LoanStatus } from '../../domain/due-instalments';
import { defaultRemindersDueOn, demandRemindersDueOn } from '../../domain/due-loan-events';
import { dueQuery } from './due-query';
import { countyOf, newReminder } from './new-reminder';

interface DefaultCandidate {
  loan_id: string;
  defaulted_on: string;
  loan_status: LoanStatus;
  project_id: string;
  county_code: string;
  township_code: string;
  name_masked: string | null;
  village_code: string | null;
}

/** Loans that defaulted on a date the default kind reaches: the project manager's task. */
export const defaultReminders = dueQuery<DefaultCandidate>({
  name: 'defaults',
  kinds: ['loan-defaulted-manager'],
  heardLate: true,
  sql: `SELECT l.loan_id, l.defaulted_on::text AS defaulted_on, l.status AS loan_status, l.project_id, l.county_code, l.township_code, m.name_masked, m.village_code
     FROM reminders.loans l LEFT JOIN reminders.mothers m ON m.application_id = l.application_id
    WHERE l.defaulted_on = ANY($2::date[]) AND $1::date IS NOT NULL`,
  remindersOf(c, date, sms) {
    const due = defaultRemindersDueOn(date, { loanId: c.loan_id, defaultedOn: c.defaulted_on, loanStatus: c.loan_status, ...known(c) });
    return due.map((d) => newReminder(d, {}, { projectId: c.project_id, countyCode: c.county_code, townshipCode: c.township_code, loanId: c.loan_id }, sms));
  },
});

interface DemandCandidate {
  demand_id: string;
  loan_id: string;
  role: GuarantorParty;
  party_name: string;
  liability_fen: string;
  demanded_on: string;
  phone_sealed: string | null;
  phone_hash: string | null;
  loan_status: LoanStatus | null;
  project_id: string | null;
  county_code: string | null;
  township_code: string | null;
  name_masked: string | null;
  village_code: string | null;
}

/** Demands made on a date (GuaranteeInvoked): each party, by text when it has a phone, else as a task of the township. */
export const demandReminders = dueQuery<DemandCandidate>({
  name: 'demands',
  kinds: ['guarantee-demand'],
  heardLate: true,
  sql: `SELECT d.demand_id, d.loan_id, d.role, d.party_name, d.liability_fen, d.demanded_on::text AS demanded_on, d.phone_sealed, d.phone_hash,
          l.status AS loan_status, COALESCE(l.project_id, g.project_id) AS project_id, COALESCE(l.county_code, g.county_code) AS county_code,
          COALESCE(l.township_code, g.township_code) AS township_code, m.name_masked, COALESCE(m.village_code, g.village_code) AS village_code
     FROM reminders.guarantee_demands d
     LEFT JOIN reminders.loans l ON l.loan_id = d.loan_id
     LEFT JOIN reminders.guarantees g ON g.guarantee_id = d.guarantee_id
     LEFT JOIN reminders.mothers m ON m.application_id = COALESCE(l.application_id, g.application_id)
    WHERE d.demanded_on = ANY($2::date[]) AND $1::date IS NOT NULL`,
  remindersOf(c, date, sms) {
    const due = demandRemindersDueOn(date, {
      demandId: c.demand_id,
      loanId: c.loan_id,
      party: c.role,
      partyName: c.party_name,
      liabilityFen: Number(c.liability_fen),
      demandedOn: c.demanded_on,
      ...(c.loan_status !== null && { loanStatus: c.loan_status }),
      ...known(c),
    });
    const scope = { projectId: c.project_id, countyCode: c.county_code ?? countyOf(c.township_code), townshipCode: c.township_code, loanId: c.loan_id };
    return due.map((d) => newReminder(d, { name: c.party_name, phoneSealed: c.phone_sealed, phoneHash: c.phone_hash }, scope, sms));
  },
});

/** The mother's masked name and village from a candidate row, left out when the read model lacks them. */
export function known(c: { name_masked: string | null; village_code: string | null }): { nameMasked?: string; villageCode?: string } {
  return { ...(c.name_masked !== null && { nameMasked: c.name_masked }), ...(c.village_code !== null && { villageCode: c.village_code }) };
}
