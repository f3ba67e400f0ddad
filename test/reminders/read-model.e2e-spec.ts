import { randomUUID } from 'node:crypto';
import { PiiCipher, Secrets } from '@xingfu/common';
import {
  ApplicationApproved,
  ApplicationApprovedV1,
  ArrearsPaused,
  BuybackConfirmed,
  BuybackRecorded,
  EventContract,
  EventEnvelope,
  FollowUpRecorded,
  GuaranteeEffective,
  GuaranteeInvoked,
  GuaranteeLapsed,
  GuaranteeOpened,
  GuaranteeReleased,
  GuaranteeReopened,
  InputsDelivered,
  InstalmentOverdue,
  InstalmentPaid,
  LoanDefaulted,
  LoanDisbursed,
  LoanRepaid,
  LoanRescheduled,
  payloadViolations,
  PublicNoticeClosed,
  PublicNoticeOpened,
  RepaymentPosted,
  RepaymentScheduleCreated,
  topicOf,
} from '@xingfu/contracts';
import { EVENT_TRANSPORT, EventTransport, newEnvelope } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, newTownshipCode, startTestApp, TestApp } from '@xingfu/testing';
import { remindersDatabase } from '../../apps/reminders/src/reminders.database';
import { RemindersModule } from '../../apps/reminders/src/reminders.module';

/**
 * The reminders read model, fed by real contract events through the in-process transport and
 * each consumer's inbox, as the other services' relays hand them over: what each event writes,
 * that a duplicate changes nothing, that any order gives the same tables, that a phone is never
 * stored in clear, and the project settings route (scope, roles, bad input).
 */
describe('reminders read model', () => {
  let app: TestApp;
  let databaseUrl: string;
  let pii: PiiCipher;
  const township = newTownshipCode();
  const county = township.slice(0, 6);
  const village = `${township}001`;
  const phones: string[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('remindersreadmodel');
    app = await startTestApp({ services: [remindersDatabase], modules: [RemindersModule], databaseUrl });
    pii = new PiiCipher(app.app.get(Secrets).piiKey);
  });
  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> => app.dataSource.query(query, params);

  /** An event as its producer's relay publishes it; its payload must keep the contract. */
  function envelope<P extends object>(contract: EventContract<P>, aggregateId: string, payload: P): EventEnvelope<P> {
    expect(payloadViolations(contract, payload)).toEqual([]);
    return newEnvelope(contract, { aggregateId, payload, context: { correlationId: randomUUID(), causationId: null, actor: `system:${contract.producer}` } }, new Date());
  }

  /** Hands envelopes to the hosted consumers one at a time, in the order given; resolves once every consumer took each. */
  async function deliver(...envelopes: EventEnvelope[]): Promise<void> {
    const transport = app.app.get<EventTransport>(EVENT_TRANSPORT, { strict: false });
    for (const e of envelopes) {
      const [outcome] = await transport.publish([{ topic: topicOf(producerOf(e.type)), key: e.aggregateId, envelope: e }]);
      expect(outcome.status).toBe('published');
    }
  }
  const producers = new Map<string, EventContract>();
  const producerOf = (type: string) => producers.get(type)!.producer;
  for (const c of [ApplicationApproved, ArrearsPaused, BuybackConfirmed, BuybackRecorded, FollowUpRecorded, GuaranteeEffective, GuaranteeInvoked, GuaranteeLapsed, GuaranteeOpened, GuaranteeReleased, GuaranteeReopened, InputsDelivered, InstalmentOverdue, InstalmentPaid, LoanDefaulted, LoanDisbursed, LoanRepaid, LoanRescheduled, PublicNoticeClosed, PublicNoticeOpened, RepaymentPosted, RepaymentScheduleCreated] as EventContract[]) {
    producers.set(c.type, c);
  }

  function newPhone(): string {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    phones.push(phone);
    return phone;
  }

  function approved(o: Partial<ApplicationApprovedV1> = {}): ApplicationApprovedV1 {
    return {
      applicationId: randomUUID(),
      projectId: randomUUID(),
      countyCode: county,
      townshipCode: township,
      villageCode: village,
      motherNameMasked: '王*梅',
      idNumberMasked: '2310**********0021',
      phoneMasked: '139****5678',
      phoneSealed: pii.encrypt(newPhone()),
      industry: 'pig_raising',
      model: 'self',
      amountFen: 300000,
      termMonths: 12,
      repaymentPlan: { kind: 'equal_monthly' },
      chargeKind: 'management_fee',
      rateBasisPoints: 300,
      graceDays: 0,
      disbursementMode: 'cash',
      creditGrade: 'A',
      approvedOn: '2027-01-05',
      ...o,
    };
  }

  /**
   * Every event of one mother's case, as the services emit them: approval, loan, schedule,
   * postings, a payment, overdue, a pause, a default, a reschedule, a second default, the
   * guarantee's whole life (lapsed, reopened, effective, invoked), a notice, a delivery and a
   * buyback, follow-up visits; new ids each call.
   */
  function aCase(sealedPhone: string, householdSealed: string) {
    const ids = { applicationId: randomUUID(), projectId: randomUUID(), loanId: randomUUID(), guaranteeId: randomUUID(), noticeId: randomUUID(), enrolmentId: randomUUID(), partnerId: randomUUID() };
    const { applicationId, projectId, loanId, guaranteeId, noticeId, enrolmentId, partnerId } = ids;
    const loanRef = { loanId, applicationId, projectId };
    const schedule = [1, 2, 3].map((seq) => ({ seq, dueDate: `2027-0${seq + 1}-10`, principalFen: 100000, feeFen: 750 }));
    const household = { role: 'household' as const, partyName: '李*国', liabilityFen: 201500, demandId: randomUUID(), demandedOn: '2027-07-20', channel: 'sms' as const, phoneSealed: householdSealed };
    const village_ = { role: 'village' as const, partyName: '某村村委会', liabilityFen: 201500, demandId: randomUUID(), demandedOn: '2027-07-20', channel: 'letter' as const };
    const events: EventEnvelope[] = [
      envelope(ApplicationApproved, applicationId, approved({ applicationId, projectId, phoneSealed: sealedPhone })),
      envelope(PublicNoticeOpened, noticeId, { noticeId, townshipCode: township, villageCode: village, applicationIds: [applicationId], startDate: '2026-12-20', endDate: '2026-12-27', days: 7 }),
      envelope(PublicNoticeClosed, noticeId, { noticeId, townshipCode: township, villageCode: village, passedApplicationIds: [applicationId], closedOn: '2026-12-27', closedBy: 'job' }),
      envelope(GuaranteeOpened, guaranteeId, { guaranteeId, applicationId, projectId, countyCode: county, townshipCode: township, villageCode: village, openedOn: '2027-01-05', deadline: '2027-01-20' }),
      envelope(GuaranteeLapsed, guaranteeId, { guaranteeId, applicationId, townshipCode: township, deadline: '2027-01-20', lapsedOn: '2027-01-21' }),
      envelope(GuaranteeReopened, guaranteeId, { guaranteeId, applicationId, townshipCode: township, reopenedOn: '2027-01-22', deadline: '2027-02-05' }),
      envelope(GuaranteeEffective, guaranteeId, { guaranteeId, applicationId, projectId, townshipCode: township, effectiveOn: '2027-01-25', householdPhoneSealed: householdSealed }),
      envelope(LoanDisbursed, loanId, {
        ...loanRef, countyCode: county, townshipCode: township, villageCode: village, industry: 'pig_raising', model: 'self', round: 1, disbursedOn: '2027-01-10',
        disbursementMode: 'cash', principalFen: 300000, cashFen: 300000, inKindFen: 0, termMonths: 3, maturityDate: '2027-04-10',
      }),
      envelope(RepaymentScheduleCreated, loanId, { ...loanRef, townshipCode: township, scheduleVersion: 1, instalments: schedule }),
      envelope(RepaymentPosted, loanId, { repaymentId: randomUUID(), ...loanRef, postedOn: '2027-02-10', amountFen: 100750, feeFen: 750, principalFen: 100000, outstandingPrincipalFen: 200000, source: 'cash' }),
      envelope(InstalmentPaid, loanId, { ...loanRef, scheduleVersion: 1, seq: 1, dueDate: '2027-02-10', paidOn: '2027-02-10' }),
      envelope(RepaymentPosted, loanId, { repaymentId: randomUUID(), ...loanRef, postedOn: '2027-03-20', amountFen: 50000, feeFen: 750, principalFen: 49250, outstandingPrincipalFen: 150750, source: 'cash' }),
      envelope(InstalmentOverdue, loanId, { ...loanRef, townshipCode: township, scheduleVersion: 1, seq: 2, dueDate: '2027-03-10', asOf: '2027-03-11', daysPastDue: 1, bucket: '1-30', unpaidFen: 100750 }),
      envelope(InstalmentOverdue, loanId, { ...loanRef, townshipCode: township, scheduleVersion: 1, seq: 2, dueDate: '2027-03-10', asOf: '2027-04-10', daysPastDue: 31, bucket: '31-60', unpaidFen: 50750 }),
      envelope(ArrearsPaused, loanId, { pauseId: randomUUID(), ...loanRef, from: '2027-04-15', to: '2027-05-15', reason: '非洲猪瘟' }),
      envelope(LoanDefaulted, loanId, { ...loanRef, defaultedOn: '2027-06-10', daysPastDue: 92, overdueFen: 151500, outstandingPrincipalFen: 150750 }),
      envelope(LoanRescheduled, loanId, { ...loanRef, rescheduledOn: '2027-06-15', scheduleVersion: 2, reason: '灾后重排', instalments: [{ seq: 1, dueDate: '2027-07-15', principalFen: 150750, feeFen: 750 }] }),
      envelope(LoanDefaulted, loanId, { ...loanRef, defaultedOn: '2027-07-18', daysPastDue: 3, overdueFen: 151500, outstandingPrincipalFen: 150750 }),
      envelope(GuaranteeInvoked, guaranteeId, { guaranteeId, applicationId, loanId, townshipCode: township, invokedOn: '2027-07-20', overdueFen: 201500, parties: [household, village_] }),
      envelope(InputsDelivered, enrolmentId, {
        enrolmentId, applicationId, projectId, partnerId, townshipCode: township, deliveryId: randomUUID(), items: '仔猪', quantity: 10, unitCostFen: 30000, valueFen: 300000,
        deliveredOn: '2027-01-12', expectedBuybackDate: '2027-06-12',
      }),
      envelope(InputsDelivered, enrolmentId, {
        enrolmentId, applicationId, projectId, partnerId, townshipCode: township, deliveryId: randomUUID(), items: '饲料', quantity: 1, unitCostFen: 10000, valueFen: 10000,
        deliveredOn: '2027-02-01', expectedBuybackDate: '2027-07-01',
      }),
      envelope(BuybackRecorded, enrolmentId, { enrolmentId, applicationId, projectId, partnerId, townshipCode: township, buybackId: randomUUID(), boughtOn: '2027-06-14', figures: figures() }),
      envelope(FollowUpRecorded, applicationId, { applicationId, townshipCode: township, visitedOn: '2027-03-01', productionStatus: '正常', incomeEstimateFen: 0, problems: '', helpGiven: '' }),
      envelope(FollowUpRecorded, applicationId, { applicationId, townshipCode: township, visitedOn: '2027-02-01', productionStatus: '正常', incomeEstimateFen: 0, problems: '', helpGiven: '' }),
    ];
    return { ids, events };
  }

  function figures() {
    return { headCount: 10, totalWeightGrams: 1_000_000, pricePerKgFen: 2000, marketReferencePerKgFen: 2100, grossFen: 2_000_000, stockCostDeductionFen: 0, loanWithheldFen: 0, netPaidFen: 2_000_000 };
  }

  /** Everything the read model holds of one case, its ids replaced by their names, so two cases compare. */
  async function snapshot(ids: Record<string, string>): Promise<unknown> {
    const { applicationId, projectId, loanId, guaranteeId, noticeId, enrolmentId } = ids;
    const rows = {
      mothers: await sql(`SELECT * FROM reminders.mothers WHERE application_id = $1`, [applicationId]),
      settings: await sql(`SELECT project_id, county_code, follow_up_interval_days, templates FROM reminders.project_settings WHERE project_id = $1`, [projectId]),
      loans: await sql(`SELECT * FROM reminders.loans WHERE loan_id = $1`, [loanId]),
      instalments: await sql(`SELECT * FROM reminders.instalments WHERE loan_id = $1 ORDER BY schedule_version, seq`, [loanId]),
      pauses: await sql(`SELECT loan_id, from_date, to_date FROM reminders.arrears_pauses WHERE loan_id = $1`, [loanId]),
      guarantees: await sql(`SELECT * FROM reminders.guarantees WHERE guarantee_id = $1`, [guaranteeId]),
      demands: await sql(`SELECT guarantee_id, loan_id, role, party_name, liability_fen, demanded_on, channel, phone_hash FROM reminders.guarantee_demands WHERE guarantee_id = $1 ORDER BY role`, [guaranteeId]),
      notices: await sql(`SELECT * FROM reminders.notices WHERE notice_id = $1`, [noticeId]),
      buybacks: await sql(`SELECT * FROM reminders.expected_buybacks WHERE enrolment_id = $1`, [enrolmentId]),
      followUps: await sql(`SELECT * FROM reminders.follow_ups WHERE application_id = $1`, [applicationId]),
      waiting: await sql(`SELECT type FROM reminders.waiting_events WHERE envelope::text LIKE '%' || $1 || '%'`, [applicationId]),
    };
    let text = JSON.stringify(rows);
    for (const [name, id] of Object.entries(ids)) text = text.split(id).join(`<${name}>`);
    return JSON.parse(text);
  }

  const inClear = (phone: string) => new RegExp(`(?<![0-9a-fA-F])${phone}(?![0-9a-fA-F])`);
  async function everyReminderTable(): Promise<string> {
    const tables: { table_name: string }[] = await sql(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'reminders'`);
    const dumps = await Promise.all(tables.map(({ table_name }) => sql(`SELECT * FROM reminders."${table_name}"`)));
    return JSON.stringify(dumps);
  }

  it('keeps a whole case as the events say: the current schedule, what was paid, overdue, paused, defaulted again after a reschedule, the guarantee invoked with a demand per party', async () => {
    const phone = newPhone();
    const household = newPhone();
    const { ids, events } = aCase(pii.encrypt(phone), pii.encrypt(household));
    await deliver(...events);
    const s = (await snapshot(ids)) as Record<string, Record<string, unknown>[]>;

    expect(s.mothers).toEqual([
      expect.objectContaining({ project_id: '<projectId>', county_code: county, township_code: township, village_code: village, name_masked: '王*梅', phone_masked: '139****5678', phone_hash: pii.lookupHash(phone), approved_on: '2027-01-05' }),
    ]);
    expect(pii.decrypt(s.mothers[0].phone_sealed as string)).toBe(phone);
    expect(s.settings).toEqual([{ project_id: '<projectId>', county_code: county, follow_up_interval_days: 90, templates: {} }]);
    expect(s.loans).toEqual([
      expect.objectContaining({ application_id: '<applicationId>', county_code: county, township_code: township, status: 'defaulted', schedule_version: 2, disbursed_on: '2027-01-10', defaulted_on: '2027-07-18', rescheduled_on: '2027-06-15', closed_on: null }),
    ]);
    // Postings spread oldest first: 100,750 pays the first, 50,000 half the second.
    expect(s.instalments.map((i) => [i.schedule_version, i.seq, i.due_date, Number(i.due_fen), Number(i.paid_fen), i.paid_on, i.overdue_since])).toEqual([
      [1, 1, '2027-02-10', 100750, 100750, '2027-02-10', null],
      [1, 2, '2027-03-10', 100750, 50000, null, '2027-03-11'],
      [1, 3, '2027-04-10', 100750, 0, null, null],
      [2, 1, '2027-07-15', 151500, 0, null, null],
    ]);
    expect(s.pauses).toEqual([{ loan_id: '<loanId>', from_date: '2027-04-15', to_date: '2027-05-15' }]);
    expect(s.guarantees).toEqual([
      expect.objectContaining({ status: 'invoked', deadline: '2027-02-05', opened_deadline: '2027-01-20', household_phone_hash: pii.lookupHash(household), county_code: county, village_code: village }),
    ]);
    expect(s.demands).toEqual([
      { guarantee_id: '<guaranteeId>', loan_id: '<loanId>', role: 'household', party_name: '李*国', liability_fen: '201500', demanded_on: '2027-07-20', channel: 'sms', phone_hash: pii.lookupHash(household) },
      { guarantee_id: '<guaranteeId>', loan_id: '<loanId>', role: 'village', party_name: '某村村委会', liability_fen: '201500', demanded_on: '2027-07-20', channel: 'letter', phone_hash: null },
    ]);
    expect(s.notices).toEqual([{ notice_id: '<noticeId>', county_code: county, township_code: township, village_code: village, end_date: '2026-12-27', closed_on: '2026-12-27' }]);
    // The earliest expected date of the enrolment's deliveries, and its first buyback.
    expect(s.buybacks).toEqual([expect.objectContaining({ application_id: '<applicationId>', township_code: township, expected_on: '2027-06-12', bought_on: '2027-06-14' })]);
    // The latest visit (an older one recorded later does not move it back), plus 90 days.
    expect(s.followUps).toEqual([{ application_id: '<applicationId>', project_id: '<projectId>', township_code: township, last_visit_on: '2027-03-01', next_due_on: '2027-05-30' }]);
    expect(s.waiting).toEqual([]);
  });

  it('gives the same tables whatever order the events come in, each twice', async () => {
    const sealed = pii.encrypt(newPhone());
    const household = pii.encrypt(newPhone());
    const inOrder = aCase(sealed, household);
    const reversed = aCase(sealed, household);
    const shuffled = aCase(sealed, household);
    await deliver(...inOrder.events);
    await deliver(...[...reversed.events].reverse(), ...reversed.events);
    // A fixed interleaving: odd positions first, then the even ones backwards, then all again.
    const odd = shuffled.events.filter((_, i) => i % 2 === 1);
    const even = shuffled.events.filter((_, i) => i % 2 === 0).reverse();
    await deliver(...odd, ...even, ...odd);

    const expected = await snapshot(inOrder.ids);
    // Demand ids differ between cases; the rest is equal row for row.
    expect(await snapshot(reversed.ids)).toEqual(expected);
    expect(await snapshot(shuffled.ids)).toEqual(expected);
  });

  it('changes nothing when every event of a case comes again', async () => {
    const { ids, events } = aCase(pii.encrypt(newPhone()), pii.encrypt(newPhone()));
    await deliver(...events);
    const before = await snapshot(ids);
    const handled = () => sql(`SELECT consumer, event_id FROM reminders.inbox WHERE event_id = ANY($1::uuid[]) ORDER BY 1, 2`, [events.map((e) => e.eventId)]);
    const inbox = await handled();
    await deliver(...events);
    expect(await snapshot(ids)).toEqual(before);
    expect(await handled()).toEqual(inbox);
  });

  it('waits with an instalment’s payment until its schedule and loan are known, then applies it', async () => {
    const { ids, events } = aCase(pii.encrypt(newPhone()), pii.encrypt(newPhone()));
    const byType = (type: string) => events.filter((e) => e.type === type);
    const [paid] = byType(InstalmentPaid.type);
    const [schedule] = byType(RepaymentScheduleCreated.type);
    await deliver(paid, schedule);
    expect(await sql(`SELECT type, waits_for FROM reminders.waiting_events WHERE envelope->'payload'->>'loanId' = $1 ORDER BY seq`, [ids.loanId])).toEqual([
      { type: 'InstalmentPaid', waits_for: `schedule:${ids.loanId}.v1` },
      { type: 'RepaymentScheduleCreated', waits_for: `loan:${ids.loanId}` },
    ]);
    await deliver(...byType(LoanDisbursed.type));
    expect(await sql(`SELECT seq, paid_on FROM reminders.instalments WHERE loan_id = $1 ORDER BY seq`, [ids.loanId])).toEqual([
      { seq: 1, paid_on: '2027-02-10' },
      { seq: 2, paid_on: null },
      { seq: 3, paid_on: null },
    ]);
    expect(await sql(`SELECT 1 FROM reminders.waiting_events WHERE envelope->'payload'->>'loanId' = $1`, [ids.loanId])).toEqual([]);
  });

  it('reads a loan rescheduled on the day of its default as active, and a repaid one as closed whatever comes after', async () => {
    const { ids, events } = aCase(pii.encrypt(newPhone()), pii.encrypt(newPhone()));
    const loanRef = { loanId: ids.loanId, applicationId: ids.applicationId, projectId: ids.projectId };
    const [disbursed] = events.filter((e) => e.type === LoanDisbursed.type);
    const status = async () => (await sql<{ status: string; closed_on: string | null }>(`SELECT status, closed_on FROM reminders.loans WHERE loan_id = $1`, [ids.loanId]))[0];
    await deliver(
      disbursed,
      envelope(LoanRescheduled, ids.loanId, { ...loanRef, rescheduledOn: '2027-06-10', scheduleVersion: 2, reason: '重排', instalments: [{ seq: 1, dueDate: '2027-08-10', principalFen: 300000, feeFen: 0 }] }),
      envelope(LoanDefaulted, ids.loanId, { ...loanRef, defaultedOn: '2027-06-10', daysPastDue: 91, overdueFen: 100000, outstandingPrincipalFen: 300000 }),
    );
    expect(await status()).toEqual({ status: 'active', closed_on: null });
    await deliver(envelope(LoanRepaid, ids.loanId, { ...loanRef, repaidOn: '2027-08-10', principalFen: 300000 }));
    await deliver(envelope(LoanDefaulted, ids.loanId, { ...loanRef, defaultedOn: '2027-09-10', daysPastDue: 91, overdueFen: 100000, outstandingPrincipalFen: 300000 }));
    expect(await status()).toEqual({ status: 'repaid', closed_on: '2027-08-10' });
  });

  it('releases a guarantee only forward: a late lapse or reopening after it took effect changes nothing', async () => {
    const guaranteeId = randomUUID();
    const applicationId = randomUUID();
    const at = { guaranteeId, applicationId, townshipCode: township };
    await deliver(
      envelope(GuaranteeReleased, guaranteeId, { ...at, loanId: randomUUID(), outcome: 'released', releasedOn: '2027-12-01', paidByGuarantorsFen: 0 }),
      envelope(GuaranteeOpened, guaranteeId, { ...at, projectId: randomUUID(), countyCode: county, villageCode: village, openedOn: '2027-01-05', deadline: '2027-01-20' }),
      envelope(GuaranteeReopened, guaranteeId, { ...at, reopenedOn: '2027-01-22', deadline: '2027-02-05' }),
      envelope(GuaranteeLapsed, guaranteeId, { ...at, deadline: '2027-01-20', lapsedOn: '2027-01-21' }),
    );
    expect(await sql(`SELECT status, deadline FROM reminders.guarantees WHERE guarantee_id = $1`, [guaranteeId])).toEqual([{ status: 'released', deadline: '2027-02-05' }]);
    const second = randomUUID();
    const at2 = { guaranteeId: second, applicationId, townshipCode: township };
    await deliver(
      envelope(GuaranteeOpened, second, { ...at2, projectId: randomUUID(), countyCode: county, villageCode: village, openedOn: '2027-01-05', deadline: '2027-01-20' }),
      envelope(GuaranteeLapsed, second, { ...at2, deadline: '2027-02-05', lapsedOn: '2027-02-06' }),
      envelope(GuaranteeReopened, second, { ...at2, reopenedOn: '2027-01-22', deadline: '2027-02-05' }),
      envelope(GuaranteeLapsed, second, { ...at2, deadline: '2027-01-20', lapsedOn: '2027-01-21' }),
    );
    // The second lapse (after the reopened deadline) is final, whatever came after it.
    expect(await sql(`SELECT status, deadline FROM reminders.guarantees WHERE guarantee_id = $1`, [second])).toEqual([{ status: 'lapsed', deadline: '2027-02-05' }]);
  });

  it('parked no event as a dead letter: an early one waits for its record instead', async () => {
    expect(await sql(`SELECT consumer, error FROM reminders.dead_letters`)).toEqual([]);
  });

  it('stores no phone number in clear in any reminders table, only sealed and hashed', async () => {
    expect(phones.length).toBeGreaterThan(4);
    const dump = await everyReminderTable();
    for (const phone of phones) expect(dump).not.toMatch(inClear(phone));
    expect(dump).toContain(pii.lookupHash(phones[0]));
  });

  describe('GET/PUT /api/v1/reminders/projects/:id/settings', () => {
    const path = (id: string) => `/api/v1/reminders/projects/${id}/settings`;
    let projectId: string;
    let applicationId: string;
    let manager: string;

    beforeAll(async () => {
      const { ids, events } = aCase(pii.encrypt(newPhone()), pii.encrypt(newPhone()));
      ({ projectId, applicationId } = ids);
      await deliver(...events);
      manager = await app.tokenFor('project_manager', { counties: [county] });
    });

    const put = (id: string, body: unknown, token = manager) => app.http().put(path(id)).set('Authorization', `Bearer ${token}`).send(body as object);
    const get = (id: string, token = manager) => app.http().get(path(id)).set('Authorization', `Bearer ${token}`);

    it('answers the defaults, then what the project office set; a new interval moves the open follow-ups', async () => {
      expect((await get(projectId).expect(200)).body).toMatchObject({ projectId, countyCode: county, followUpIntervalDays: 90, templates: {} });
      const templates = { 'instalment-mother': '{{name}}您好，第{{seq}}期{{amount}}将于{{dueDate}}到期。' };
      const changed = await put(projectId, { followUpIntervalDays: 30, templates }).expect(200);
      expect(changed.body).toMatchObject({ projectId, followUpIntervalDays: 30, templates });
      expect(await sql(`SELECT last_visit_on, next_due_on FROM reminders.follow_ups WHERE application_id = $1`, [applicationId])).toEqual([{ last_visit_on: '2027-03-01', next_due_on: '2027-03-31' }]);
      // What is left out stays.
      await put(projectId, { followUpIntervalDays: 45 }).expect(200);
      expect((await get(projectId, await app.tokenFor('foundation')).expect(200)).body).toMatchObject({ followUpIntervalDays: 45, templates });
      expect((await put(projectId, { templates: {} }, await app.tokenFor('admin')).expect(200)).body).toMatchObject({ followUpIntervalDays: 45, templates: {} });
      expect(await sql(`SELECT next_due_on FROM reminders.follow_ups WHERE application_id = $1`, [applicationId])).toEqual([{ next_due_on: '2027-04-15' }]);
      // A visit heard later counts with the project's interval.
      await deliver(envelope(FollowUpRecorded, applicationId, { applicationId, townshipCode: township, visitedOn: '2027-04-01', productionStatus: '正常', incomeEstimateFen: 0, problems: '', helpGiven: '' }));
      expect(await sql(`SELECT next_due_on FROM reminders.follow_ups WHERE application_id = $1`, [applicationId])).toEqual([{ next_due_on: '2027-05-16' }]);
    });

    it('is not found outside the caller’s county, for a project not heard of, and refused to an officer of the county', async () => {
      const elsewhere = await app.tokenFor('project_manager', { counties: ['999999'] });
      for (const res of [await get(projectId, elsewhere), await put(projectId, { followUpIntervalDays: 10 }, elsewhere), await get(randomUUID()), await put(randomUUID(), { followUpIntervalDays: 10 })]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('not_found');
      }
      const officer = await app.tokenFor('officer', { townships: [township] });
      expect((await put(projectId, { followUpIntervalDays: 10 }, officer)).status).toBe(403);
      expect((await get(projectId, await app.tokenFor('partner', { partnerId: randomUUID() }))).status).toBe(404);
      expect((await get(projectId)).body.followUpIntervalDays).not.toBe(10);
    });

    it.each([
      ['an interval of 0', { followUpIntervalDays: 0 }, 'followUpIntervalDays'],
      ['an interval of 367', { followUpIntervalDays: 367 }, 'followUpIntervalDays'],
      ['a fractional interval', { followUpIntervalDays: 1.5 }, 'followUpIntervalDays'],
      ['an interval as text', { followUpIntervalDays: '30' }, 'followUpIntervalDays'],
      ['a template of an unknown kind', { templates: { 'instalment-father': '您好' } }, 'templates'],
      ['a template over 500 characters', { templates: { 'instalment-mother': '字'.repeat(501) } }, 'templates'],
      ['a blank template', { templates: { 'notice-officer': '  ' } }, 'templates'],
      ['a template naming an unknown placeholder', { templates: { 'notice-officer': '{{phone}}' } }, 'templates'],
      ['templates as an array', { templates: ['您好'] }, 'templates'],
      ['templates as text', { templates: '您好' }, 'templates'],
      ['an unknown field', { colour: 'red' }, 'colour'],
    ])('refuses %s (400 validation_failed, naming the field) and changes nothing', async (_what, body, field) => {
      const before = (await get(projectId).expect(200)).body;
      const res = await put(projectId, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(Object.keys(res.body.details)).toContain(field);
      expect((await get(projectId).expect(200)).body).toEqual(before);
    });

    it('names the unknown kind in its answer', async () => {
      const res = await put(projectId, { templates: { 'instalment-father': '您好', 'instalment-mother': '您好' } }).expect(400);
      expect(res.body.details.templates.join()).toContain('templates.instalment-father');
      expect(res.body.details.templates.join()).not.toContain('templates.instalment-mother');
    });
  });
});
