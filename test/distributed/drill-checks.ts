import { Cohort, LOAN_FEN } from './drill-cohort';
import { AppName, APPS, DrillApi, Sql } from './drill-http';
import { DrillLoad } from './drill-load';

/**
 * Every consumer of the seven services and the event types it takes (its @EventConsumer), as
 * the inbox names it (`<service>.<name>`). Each must hold one inbox row for every event of its
 * types in any outbox, no more and no fewer: a lost event is a missing row, and an event a
 * producer wrote twice is an extra event that the per-service checks below count.
 */
export const CONSUMERS: Record<string, string[]> = {
  'applications.close-application-when-loan-repaid': ['LoanRepaid'],
  'applications.schedule-close-when-notice-opened': ['PublicNoticeOpened'],
  'guarantees.know-project-when-project-registered': ['ProjectRegistered'],
  'guarantees.open-guarantee-when-application-approved': ['ApplicationApproved'],
  'guarantees.follow-loan': ['LoanDefaulted', 'RepaymentPosted', 'LoanRepaid', 'LoanWrittenOff'],
  'loans.post-buyback-when-buyback-confirmed': ['BuybackConfirmed'],
  'loans.open-fund-when-project-registered': ['ProjectRegistered'],
  'loans.follow-policy-when-project-policy-changed': ['ProjectPolicyChanged'],
  'loans.record-guarantee-invoked': ['GuaranteeInvoked'],
  'loans.open-loan-when-application-approved': ['ApplicationApproved'],
  'loans.await-agreement-when-guarantee-effective': ['GuaranteeEffective'],
  'partners.follow-loan': ['LoanDisbursed', 'RepaymentPosted', 'BuybackExcessReturned', 'LoanRepaid', 'LoanWrittenOff'],
  'partners.enrol-when-application-approved': ['ApplicationApproved'],
  'reminders.follow-buybacks': ['InputsDelivered', 'BuybackRecorded', 'BuybackConfirmed'],
  'reminders.follow-loans': ['LoanDisbursed', 'ArrearsPaused', 'LoanDefaulted', 'LoanRepaid', 'LoanWrittenOff'],
  'reminders.follow-schedules': ['RepaymentScheduleCreated', 'LoanRescheduled', 'RepaymentPosted', 'InstalmentPaid', 'InstalmentOverdue'],
  'reminders.follow-up-visits': ['LoanDisbursed', 'FollowUpRecorded'],
  'reminders.follow-mothers': ['ApplicationApproved'],
  'reminders.follow-notices': ['PublicNoticeOpened', 'PublicNoticeClosed'],
  'reminders.follow-guarantees': ['GuaranteeOpened', 'GuaranteeLapsed', 'GuaranteeReopened', 'GuaranteeEffective', 'GuaranteeInvoked', 'GuaranteeReleased'],
  'reporting.applications-by-township': ['ApplicationSubmitted'],
  'reporting.read-model-buybacks': ['BuybackConfirmed', 'BuybackExcessReturned'],
  'reporting.read-model-fund-contributions': ['FundContributionRecorded'],
  'reporting.read-model-loans': ['LoanDisbursed', 'LoanDefaulted', 'LoanWrittenOff', 'LoanRepaid'],
  'reporting.read-model-schedules': ['RepaymentScheduleCreated', 'LoanRescheduled', 'InstalmentOverdue', 'InstalmentPaid'],
  'reporting.read-model-repayments': ['RepaymentPosted'],
  'reporting.read-model-projects': ['ProjectRegistered', 'ProjectPolicyChanged'],
  'reporting.read-model-follow-ups': ['FollowUpRecorded'],
  'reporting.read-model-applications': ['ApplicationSubmitted', 'ApplicationScreened', 'ApplicationApproved', 'ApplicationRejected', 'ApplicationWithdrawn', 'ApplicationClosed'],
};

/** How a stored list compares with what the load had acknowledged: `stored` each once, nothing missing, nothing extra. */
export interface Matched {
  stored: number;
  missing: number;
  extra: number;
  twice: number;
}

export function match(stored: string[], acknowledged: Iterable<string>): Matched {
  const want = new Set(acknowledged);
  const have = new Set(stored);
  return {
    stored: stored.length,
    missing: [...want].filter((k) => !have.has(k)).length,
    extra: [...have].filter((k) => !want.has(k)).length,
    twice: stored.length - have.size,
  };
}

const exactly = (n: number): Matched => ({ stored: n, missing: 0, extra: 0, twice: 0 });

/** The schemas with backbone tables: every service's. */
async function backboneSchemas(sql: Sql): Promise<string[]> {
  const rows = await sql<{ schema: string }>(`SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox' ORDER BY 1`);
  return rows.map((r) => r.schema).filter((s) => (APPS as readonly string[]).includes(s));
}

async function allEvents(sql: Sql, schemas: string[]): Promise<{ event_id: string; type: string; key: string; payload: any; status: string; published_at: any }[]> {
  const columns = 'event_id, type, key, payload, status, published_at';
  const union = schemas.flatMap((s) => [`SELECT ${columns} FROM "${s}".outbox`, `SELECT ${columns} FROM "${s}".outbox_archive`]).join(' UNION ALL ');
  return sql(union);
}

/** The backbone of every service: nothing pending, failed or parked; each consumer handled each of its events once. */
export async function backboneFound(sql: Sql) {
  const schemas = await backboneSchemas(sql);
  const events = await allEvents(sql, schemas);
  const health: Record<string, { pending: number; failed: number; deadLetters: number }> = {};
  for (const s of schemas) {
    const [o] = await sql(`SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM "${s}".outbox`);
    const [d] = await sql(`SELECT count(*)::int AS n FROM "${s}".dead_letters`);
    health[s] = { pending: o.pending, failed: o.failed, deadLetters: d.n };
  }
  const handled = await sql<{ consumer: string; event_id: string }>(schemas.map((s) => `SELECT consumer, event_id FROM "${s}".inbox`).join(' UNION ALL '));
  const consumers: Record<string, Matched> = {};
  const eventsFor: Record<string, number> = {};
  /** For a post-mortem: a few of the events a consumer has no inbox row for. */
  const unhandled: Record<string, string[]> = {};
  for (const [consumer, types] of Object.entries(CONSUMERS)) {
    const ids = events.filter((e) => types.includes(e.type)).map((e) => e.event_id);
    const mine = handled.filter((h) => h.consumer === consumer).map((h) => h.event_id);
    consumers[consumer] = match(mine, ids);
    eventsFor[consumer] = ids.length;
    const seen = new Set(mine);
    const lost = events.filter((e) => types.includes(e.type) && !seen.has(e.event_id));
    if (lost.length) unhandled[consumer] = lost.slice(0, 5).map((e) => `${e.type} ${e.event_id} key ${e.key} ${e.status} at ${e.published_at?.toISOString?.() ?? e.published_at}`);
  }
  const unknownConsumers = [...new Set(handled.map((h) => h.consumer))].filter((c) => !(c in CONSUMERS));
  const [waiting] = await sql(`SELECT count(*)::int AS n FROM reminders.waiting_events`);
  return { schemas, health, consumers, unknownConsumers, remindersWaiting: waiting.n as number, events, eventsFor, unhandled };
}

export function backboneExpected(found: Awaited<ReturnType<typeof backboneFound>>) {
  return {
    schemas: [...APPS].sort(),
    health: Object.fromEntries(found.schemas.map((s) => [s, { pending: 0, failed: 0, deadLetters: 0 }])),
    consumers: Object.fromEntries(Object.keys(CONSUMERS).map((c) => [c, exactly(found.eventsFor[c])])),
    unknownConsumers: [],
    remindersWaiting: 0,
  };
}

/**
 * Per service, what the load acknowledged against what the service stored, emitted and what its
 * consumers made of it, from the database (and reporting's portfolio route). Each figure is
 * laid out so that the expected value follows from the load alone (see expectedOf).
 */
export async function serviceFigures(sql: Sql, api: DrillApi, cohort: Cohort, load: DrillLoad, events: Awaited<ReturnType<typeof backboneFound>>['events']) {
  const { township, projectId } = cohort;
  const ofType = (type: string) => events.filter((e) => e.type === type);
  const surveyIds = [...load.surveys.values()];
  const approvedIds = [...cohort.lent.map((l) => l.applicationId), ...load.approvals];
  const cohortIds = [...cohort.lent.map((l) => l.applicationId), ...cohort.toApprove];
  const loanIds = cohort.lent.map((l) => l.loanId);
  const repaymentIds = [...load.repayments.values()].map((r) => r.id);
  const repaidLoans = load.repaidLoans();
  const repaidApplications = cohort.lent.filter((l) => repaidLoans.includes(l.loanId)).map((l) => l.applicationId);
  const acknowledgedFen = [...load.repayments.values()].reduce((sum, r) => sum + r.amountFen, 0);
  const col = <T>(rows: Record<string, T>[], name: string) => rows.map((r) => r[name]);
  const perLoan = (rows: { loan_id: string; fen: string | number }[]) => Object.fromEntries(rows.map((r) => [r.loan_id, Number(r.fen)]));

  const applications = {
    surveysStored: match(col(await sql(`SELECT id FROM applications.applications WHERE id = ANY($1::uuid[])`, [surveyIds]), 'id'), surveyIds),
    inTownship: (await sql(`SELECT count(*)::int AS n FROM applications.applications WHERE township_code = $1`, [township]))[0].n,
    submittedEvents: match(ofType('ApplicationSubmitted').map((e) => e.key).filter((k) => surveyIds.includes(k)), surveyIds),
    approved: match(col(await sql(`SELECT id FROM applications.applications WHERE id = ANY($1::uuid[]) AND status IN ('approved', 'closed')`, [cohortIds]), 'id'), approvedIds),
    approvedEvents: match(ofType('ApplicationApproved').map((e) => e.key), approvedIds),
    closed: match(col(await sql(`SELECT id FROM applications.applications WHERE id = ANY($1::uuid[]) AND status = 'closed'`, [cohortIds]), 'id'), repaidApplications),
    closedEvents: match(ofType('ApplicationClosed').map((e) => e.key), repaidApplications),
  };
  const guarantees = {
    opened: match(col(await sql(`SELECT application_id FROM guarantees.guarantees WHERE project_id = $1`, [projectId]), 'application_id'), approvedIds),
    openedEvents: match(ofType('GuaranteeOpened').map((e) => e.payload.applicationId), approvedIds),
    effectiveEvents: match(ofType('GuaranteeEffective').map((e) => e.payload.applicationId), cohort.lent.map((l) => l.applicationId)),
    released: match(col(await sql(`SELECT application_id FROM guarantees.guarantees WHERE project_id = $1 AND outcome = 'released'`, [projectId]), 'application_id'), repaidApplications),
    releasedEvents: match(ofType('GuaranteeReleased').map((e) => e.payload.applicationId), repaidApplications),
  };
  const instalments = await sql(`SELECT loan_id, seq, principal_paid_fen + fee_paid_fen AS paid, paid_on FROM loans.instalments WHERE loan_id = ANY($1::uuid[]) AND NOT superseded`, [loanIds]);
  const loans = {
    opened: match(col(await sql(`SELECT application_id FROM loans.loans WHERE project_id = $1`, [projectId]), 'application_id'), approvedIds),
    repayments: match(col(await sql(`SELECT id FROM loans.repayments WHERE loan_id = ANY($1::uuid[])`, [loanIds]), 'id'), repaymentIds),
    repaidFenByLoan: perLoan(await sql(`SELECT l.id AS loan_id, coalesce(sum(r.amount_fen), 0) AS fen FROM loans.loans l LEFT JOIN loans.repayments r ON r.loan_id = l.id WHERE l.id = ANY($1::uuid[]) GROUP BY l.id`, [loanIds])),
    postedEvents: match(ofType('RepaymentPosted').map((e) => e.payload.repaymentId), repaymentIds),
    repaid: match(col(await sql(`SELECT id FROM loans.loans WHERE id = ANY($1::uuid[]) AND status = 'repaid'`, [loanIds]), 'id'), repaidLoans),
    repaidEvents: match(ofType('LoanRepaid').map((e) => e.payload.loanId), repaidLoans),
    instalmentPaidEvents: match(ofType('InstalmentPaid').map((e) => `${e.payload.loanId}/${e.payload.seq}`), instalments.filter((i) => i.paid_on).map((i) => `${i.loan_id}/${i.seq}`)),
  };
  const deliveryKeys = [...load.deliveries.keys()];
  const enrolmentIds = cohort.lent.map((l) => l.enrolmentId);
  const partners = {
    enrolled: match(col(await sql(`SELECT application_id FROM partners.enrolments WHERE project_id = $1`, [projectId]), 'application_id'), approvedIds),
    outstandingFenByLoan: perLoan(await sql(`SELECT loan_id, outstanding_principal_fen AS fen FROM partners.loans WHERE loan_id = ANY($1::uuid[])`, [loanIds])),
    deliveries: match(col(await sql(`SELECT substr(items, 4) AS key FROM partners.deliveries WHERE enrolment_id = ANY($1::uuid[]) AND items LIKE '饲料 %'`, [enrolmentIds]), 'key'), deliveryKeys),
    deliveredEvents: match(ofType('InputsDelivered').filter((e) => String(e.payload.items).startsWith('饲料 ')).map((e) => String(e.payload.items).slice(3)), deliveryKeys),
  };
  const remindersPaid = await sql(`SELECT i.loan_id, i.seq, i.paid_fen AS paid, i.paid_on FROM reminders.instalments i JOIN reminders.loans l ON l.loan_id = i.loan_id AND l.schedule_version = i.schedule_version WHERE i.loan_id = ANY($1::uuid[])`, [loanIds]);
  const asReminders = new Map(remindersPaid.map((r) => [`${r.loan_id}/${r.seq}`, `${Number(r.paid)} ${r.paid_on ? 'paid' : 'open'}`]));
  const differing = instalments.filter((i) => asReminders.get(`${i.loan_id}/${i.seq}`) !== `${Number(i.paid)} ${i.paid_on ? 'paid' : 'open'}`);
  const reminders = {
    mothers: match(col(await sql(`SELECT application_id FROM reminders.mothers WHERE project_id = $1`, [projectId]), 'application_id'), approvedIds),
    repayments: match(col(await sql(`SELECT repayment_id FROM reminders.repayments WHERE loan_id = ANY($1::uuid[])`, [loanIds]), 'repayment_id'), repaymentIds),
    /** Each instalment as reminders reads it (what the postings covered, whether loans said it was paid) against loans' own row. */
    instalments: remindersPaid.length,
    instalmentsNotAsLoansHasThem: differing.map((i) => `${i.loan_id}/${i.seq}: loans ${Number(i.paid)} ${i.paid_on ? 'paid' : 'open'}, reminders ${asReminders.get(`${i.loan_id}/${i.seq}`)}`),
    repaidLoans: match(col(await sql(`SELECT loan_id FROM reminders.loans WHERE loan_id = ANY($1::uuid[]) AND status = 'repaid'`, [loanIds]), 'loan_id'), repaidLoans),
  };
  const portfolio = (await api.expect('reporting', 'GET', `/reports/portfolio?groupBy=project&projectId=${projectId}`, cohort.tokens.foundation, undefined, 200)).total;
  const byTownship = (await api.expect('reporting', 'GET', '/reports/applications-by-township', cohort.tokens.foundation, undefined, 200)).items as { townshipCode: string; applications: number }[];
  const reporting = {
    surveysCounted: byTownship.find((i) => i.townshipCode === township)?.applications ?? 0,
    repayments: match(col(await sql(`SELECT repayment_id FROM reporting.repayments WHERE loan_id = ANY($1::uuid[])`, [loanIds]), 'repayment_id'), repaymentIds),
    portfolio: { disbursedCount: portfolio.disbursedCount, disbursedFen: portfolio.disbursedFen, repaidPrincipalFen: portfolio.repaidPrincipalFen, outstandingFen: portfolio.outstandingFen },
    repaidLoans: match(col(await sql(`SELECT loan_id FROM reporting.loans WHERE loan_id = ANY($1::uuid[]) AND status = 'repaid'`, [loanIds]), 'loan_id'), repaidLoans),
  };
  const paidInstalments = instalments.filter((i) => i.paid_on).length;
  return { applications, guarantees, loans, partners, reminders, reporting, acknowledgedFen, instalments: instalments.length, paidInstalments };
}

/** What the figures must be when every acknowledged write happened once and every event was handled once. */
export function expectedOf(cohort: Cohort, load: DrillLoad, found: Awaited<ReturnType<typeof serviceFigures>>) {
  const approved = cohort.lent.length + load.approvals.size;
  const repaid = load.repaidLoans().length;
  const fenByLoan = (f: (loanId: string) => number) => Object.fromEntries(cohort.lent.map((l) => [l.loanId, f(l.loanId)]));
  const disbursedFen = cohort.lent.length * LOAN_FEN;
  return {
    applications: {
      surveysStored: exactly(load.surveys.size),
      inTownship: cohort.lent.length + cohort.toApprove.length + load.surveys.size,
      submittedEvents: exactly(load.surveys.size),
      approved: exactly(approved),
      approvedEvents: exactly(approved),
      closed: exactly(repaid),
      closedEvents: exactly(repaid),
    },
    guarantees: { opened: exactly(approved), openedEvents: exactly(approved), effectiveEvents: exactly(cohort.lent.length), released: exactly(repaid), releasedEvents: exactly(repaid) },
    loans: {
      opened: exactly(approved),
      repayments: exactly(load.repayments.size),
      repaidFenByLoan: fenByLoan((id) => load.repaidFenOf(id)),
      postedEvents: exactly(load.repayments.size),
      repaid: exactly(repaid),
      repaidEvents: exactly(repaid),
      instalmentPaidEvents: exactly(found.paidInstalments),
    },
    partners: {
      enrolled: exactly(approved),
      outstandingFenByLoan: fenByLoan((id) => LOAN_FEN - load.repaidFenOf(id)),
      deliveries: exactly(load.deliveries.size),
      deliveredEvents: exactly(load.deliveries.size),
    },
    reminders: { mothers: exactly(approved), repayments: exactly(load.repayments.size), instalments: found.instalments, instalmentsNotAsLoansHasThem: [], repaidLoans: exactly(repaid) },
    reporting: {
      surveysCounted: cohort.lent.length + cohort.toApprove.length + load.surveys.size,
      repayments: exactly(load.repayments.size),
      portfolio: { disbursedCount: cohort.lent.length, disbursedFen, repaidPrincipalFen: found.acknowledgedFen, outstandingFen: disbursedFen - found.acknowledgedFen },
      repaidLoans: exactly(repaid),
    },
    acknowledgedFen: found.acknowledgedFen,
    instalments: found.instalments,
    paidInstalments: found.paidInstalments,
  };
}

/**
 * How many events published up to `until` the consumers of `service` have not handled yet: 0
 * once a restarted service's consumer group has joined again and caught up with what was
 * published before it came back.
 */
export async function eventsBehind(sql: Sql, service: AppName, until: Date): Promise<number> {
  const schemas = await backboneSchemas(sql);
  const published = schemas.flatMap((s) => [`SELECT event_id, type FROM "${s}".outbox WHERE published_at <= $1`, `SELECT event_id, type FROM "${s}".outbox_archive WHERE published_at <= $1`]).join(' UNION ALL ');
  let behind = 0;
  for (const [consumer, types] of Object.entries(CONSUMERS)) {
    if (!consumer.startsWith(`${service}.`)) continue;
    const [row] = await sql(
      `SELECT count(*)::int AS n FROM (${published}) e WHERE e.type = ANY($2) AND NOT EXISTS (SELECT 1 FROM "${service}".inbox i WHERE i.consumer = $3 AND i.event_id = e.event_id)`,
      [until, types, consumer],
    );
    behind += row.n;
  }
  return behind;
}
