import type { ReminderRow } from './reminders-world';

/**
 * One reminder as a line a person can check against a schedule: the date it was for, the kind,
 * what it is about (an instalment's seq and, for a guarantor, the party; otherwise the subject
 * id), the offset, who it went to through which channel, and its status:
 * `2027-05-31 instalment-officer s5 T+3 officer/task sent`.
 */
export function labelOf(row: ReminderRow): string {
  const facts = row.facts ?? {};
  const about = row.kind.startsWith('instalment-') ? `s${String(facts.seq)}${row.kind === 'instalment-guarantor' ? `.${String(facts.partyRole)}` : ''}` : row.subject_id;
  return `${row.due_on} ${row.kind} ${about} ${row.offset} ${row.recipient_role}/${row.channel} ${row.status}`;
}

/** Lines in date order, then by the line itself (the order within one day carries no meaning). */
export function inDateOrder(lines: string[]): string[] {
  return [...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
