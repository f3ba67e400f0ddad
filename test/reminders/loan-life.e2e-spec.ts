import { randomUUID } from 'node:crypto';
import { AppConfig } from '@xingfu/common';
import { addDays } from '@xingfu/kernel';
import { RedisConnection } from '@xingfu/platform';
import { eventually } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { inDateOrder, labelOf } from './reminder-labels';
import { SMS_KEY, SMS_TEMPLATE_ID, useRemindersWorld } from './reminders-world';
import { instalmentsOn, monthlyDueDates, newPhone } from './upstream-events';

/** 2027-05-28 → 2027年5月28日, as the templates write a date (written here, not taken from the app). */
const chinese = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

describe('reminders: one loan’s whole life, day by day over 400 business dates (events in-process)', () => {
  const FIRST_DAY = '2026-12-01';
  const world = useRemindersWorld({ label: 'reminderslife', today: FIRST_DAY });

  it('yields exactly the reminders its schedule and payments call for, in date order, each sent once', async () => {
    const applicationId = randomUUID();
    const partnerId = randomUUID();
    const phone = newPhone();
    const householdPhone = newPhone();
    // 12 monthly instalments of ¥1,000.00 due on the 28th, 2027-01-28 … 2027-12-28.
    const dueDates = monthlyDueDates('2027-01-28', 12);
    const instalments = instalmentsOn(dueDates, 1_200_000);
    let noticeId = '';
    let guaranteeId = '';
    let enrolmentId = '';
    let loan: Awaited<ReturnType<typeof world.up.disbursed>> | undefined;
    const mother = () => ({
      applicationId,
      projectId: world.projectId,
      countyCode: world.county,
      townshipCode: world.township,
      villageCode: world.village,
      nameMasked: '王*梅',
      phone,
      partnerId,
    });
    const guarantee = () => ({ guaranteeId, mother: mother(), deadline: '2026-12-22', householdPhone });

    // What happens on each date, after that day's sweep (the sweep runs first thing in the morning).
    const paidOn = new Map<string, number[]>();
    for (const i of instalments) paidOn.set(i.dueDate, [i.seq]);
    paidOn.delete(dueDates[1]);
    paidOn.set('2027-02-25', [2]); // seq 2 three days early: only its T-7
    paidOn.delete(dueDates[4]);
    paidOn.set('2027-06-17', [5]); // seq 5 twenty days late: escalated to T+15, not T+30
    const happenings: Record<string, () => Promise<unknown>> = {
      '2026-12-01': async () => (noticeId = await world.up.noticeOpened({ applicationIds: [applicationId], startDate: '2026-12-01', endDate: '2026-12-07' })),
      '2026-12-08': async () => {
        await world.up.approved({ applicationId, phone, partnerId, approvedOn: '2026-12-08' });
        guaranteeId = (await world.up.guaranteeOpened(mother(), { openedOn: '2026-12-08', deadline: '2026-12-22' })).guaranteeId;
      },
      // Effective after its T-3 reminder, before its T-1: no T-1.
      '2026-12-20': () => world.up.guaranteeEffective(guarantee(), { effectiveOn: '2026-12-20', householdPhone }),
      '2026-12-28': async () => (loan = await world.up.disbursed(mother(), { disbursedOn: '2026-12-28', instalments })),
      '2027-01-05': async () => (enrolmentId = await world.up.inputsDelivered(mother(), { partnerId, deliveredOn: '2027-01-05', expectedBuybackDate: '2027-09-15' })),
      '2027-03-01': () => world.up.followUp(mother(), '2027-03-01'),
      '2027-05-29': () => world.up.overdue(loan!, 5, '2027-05-29'),
      '2027-06-02': () => world.up.followUp(mother(), '2027-06-02'),
    };

    for (let n = 0; n < 400; n++) {
      const date = addDays(FIRST_DAY, n);
      await world.day(date);
      await happenings[date]?.();
      for (const seq of paidOn.get(date) ?? []) await world.up.paid(loan!, seq, date);
    }

    // The oracle, from the schedule by hand: the mother at T-7, T-1 and T0 of every instalment
    // paid on its due date; only T-7 of seq 2 (paid at T-3); for seq 5 (paid at T+20) also the
    // mother and the officer at T+3, the officer and each guarantor party at T+15 (the household
    // by SMS, the township and the village as tasks), and no project manager (T+30 came after it
    // was paid). Besides: the officer the day before the notice ends, 3 days before the
    // guarantee's deadline (it was effective before the day before), on each follow-up visit
    // due (visit + 90 days), and the partner a week before the expected buyback.
    const mom = (seq: number, offset: string, days: number) => `${addDays(dueDates[seq - 1], days)} instalment-mother s${seq} ${offset} mother/sms sent`;
    const onTime = [1, 3, 4, 6, 7, 8, 9, 10, 11, 12].flatMap((seq) => [mom(seq, 'T-7', -7), mom(seq, 'T-1', -1), mom(seq, 'T0', 0)]);
    const expected = inDateOrder([
      `2026-12-06 notice-officer ${noticeId} T-1 officer/task sent`,
      `2026-12-19 guarantee-deadline-officer ${guaranteeId} T-3 officer/task sent`,
      ...onTime,
      mom(2, 'T-7', -7),
      mom(5, 'T-7', -7),
      mom(5, 'T-1', -1),
      mom(5, 'T0', 0),
      mom(5, 'T+3', 3),
      '2027-05-31 instalment-officer s5 T+3 officer/task sent',
      '2027-06-12 instalment-officer s5 T+15 officer/task sent',
      '2027-06-12 instalment-guarantor s5.household T+15 guarantor/sms sent',
      '2027-06-12 instalment-guarantor s5.township T+15 guarantor/task sent',
      '2027-06-12 instalment-guarantor s5.village T+15 guarantor/task sent',
      `2027-05-30 follow-up-officer ${applicationId}.2027-05-30 T0 officer/task sent`,
      `2027-08-31 follow-up-officer ${applicationId}.2027-08-31 T0 officer/task sent`,
      `2027-09-08 buyback-partner ${enrolmentId} T-7 partner/task sent`,
    ]);
    const rows = await world.reminders();
    expect(inDateOrder(rows.map(labelOf))).toEqual(expected);
    expect(await world.sweptDates()).toEqual(Array.from({ length: 400 }, (_, n) => addDays(FIRST_DAY, n)));

    // The mother got one SMS per reminder (never two on a day), in the order they fell due, each naming its instalment's due date.
    const motherLines = expected.filter((line) => line.includes(' instalment-mother '));
    const toMother = world.gateway.deliveriesTo(phone);
    expect(toMother).toHaveLength(motherLines.length);
    toMother.forEach((sms, i) => {
      const seq = Number(/ s(\d+) /.exec(motherLines[i])![1]);
      expect(sms.text).toContain(chinese(dueDates[seq - 1]));
      expect(sms.text).toContain('¥1,000.00');
    });
    const toHousehold = world.gateway.deliveriesTo(householdPhone);
    expect(toHousehold).toHaveLength(1);
    expect(toHousehold[0].text).toContain(chinese(dueDates[4]));
    expect(world.gateway.deliveries()).toHaveLength(motherLines.length + 1);
    // Nobody else's number, and never a key sent twice.
    expect(new Set(world.gateway.requests.map((r) => r.idempotencyKey)).size).toBe(motherLines.length + 1);
    expect(world.gateway.requests.every((r) => r.body.templateId === SMS_TEMPLATE_ID && r.headers['x-api-key'] === SMS_KEY)).toBe(true);

    // Each SMS reminder points at a sent message; each task reminder made one task.
    const messages = await world.messages();
    const smsRows = rows.filter((r) => r.channel === 'sms');
    expect(smsRows.every((r) => r.message_id && messages.some((m) => m.id === r.message_id && m.status === 'sent'))).toBe(true);
    const taskRows = rows.filter((r) => r.channel === 'task');
    expect((await world.tasks()).map((t) => t.reminder_id).sort()).toEqual(taskRows.map((r) => r.id).sort());
  }, 1_800_000);
});

describe('reminders: never twice, never once paid, never while paused (events over Kafka)', () => {
  const world = useRemindersWorld({ label: 'reminderstwice', kafka: true, today: '2026-11-22' });

  it('sends once when the sweep runs twice for one date (and once more by the daily trigger)', async () => {
    const phone = newPhone();
    const mother = await world.up.approved({ phone });
    const loan = await world.up.disbursed(mother, { disbursedOn: '2026-11-01', instalments: instalmentsOn(['2026-11-29'], 300_000) });

    // Over Kafka a new consumer group reads the whole topic, other files' loans too: the counts
    // of the route cover them, so this loan's own reminder is asserted by its rows below.
    const first = await world.sweepRoute('2026-11-22');
    expect(first).toMatchObject({ asOf: '2026-11-22' });
    expect(Number(first.scheduled)).toBeGreaterThanOrEqual(1);
    await world.drain();
    const again = await world.sweepRoute('2026-11-22');
    expect(again).toMatchObject({ asOf: '2026-11-22', found: first.found, scheduled: 0, enqueued: 0 });
    await world.drain();
    await world.dailySweep();
    await world.drain();

    expect((await world.reminders({ loanId: loan.loanId })).map(labelOf)).toEqual(['2026-11-22 instalment-mother s1 T-7 mother/sms sent']);
    const sms = world.gateway.deliveriesTo(phone);
    expect(sms).toHaveLength(1);
    expect(sms[0].text).toContain('¥3,000.00');
    // Not merely deduplicated by the gateway: the second sweep never sent it again.
    expect(world.gateway.requestsFor(sms[0].idempotencyKey)).toHaveLength(1);
  });

  it('stops an instalment’s overdue reminders once it is paid, and skips one paid between the sweep and the send', async () => {
    const [latePhone, payingPhone] = [newPhone(), newPhone()];
    const late = await world.up.disbursed(await world.up.approved({ phone: latePhone }), { disbursedOn: '2026-11-01', instalments: instalmentsOn(['2026-11-25'], 200_000) });
    const paying = await world.up.disbursed(await world.up.approved({ phone: payingPhone }), { disbursedOn: '2026-11-01', instalments: instalmentsOn(['2026-12-02'], 200_000) });

    for (const date of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']) {
      await world.day(date);
      if (date === '2026-11-26') await world.up.overdue(late, 1, date);
    }
    await world.up.paid(late, 1, '2026-11-29'); // at T+4, after its T+3

    // The sending queue held while the sweep for 2026-12-01 finds the T-1 of `paying`; it is paid before the send.
    await world.day('2026-11-30');
    const sending = new Queue('reminders-sending', { connection: world.app.app.get(RedisConnection).options(), prefix: world.app.app.get(AppConfig).BULLMQ_PREFIX });
    try {
      await sending.pause();
      world.clock.set('2026-12-01');
      await world.dailySweep();
      const tMinus1 = `instalment-mother-${paying.loanId}.v1.s1-T-1`;
      await eventually(async () => expect((await world.reminder(tMinus1))?.status).toBe('scheduled'), { timeoutMs: 60_000 });
      await eventually(async () => expect(await sending.getJob(tMinus1)).toBeDefined(), { timeoutMs: 60_000 });
      await world.up.paid(paying, 1, '2026-12-01');
      await sending.resume();
      await world.drain();
      expect((await world.reminder(tMinus1))?.status).toBe('skipped_paid');
    } finally {
      await sending.close();
    }
    for (let n = 2; n <= 12; n++) await world.day(`2026-12-${String(n).padStart(2, '0')}`);

    expect((await world.reminders({ loanId: late.loanId })).map(labelOf)).toEqual([
      '2026-11-24 instalment-mother s1 T-1 mother/sms sent',
      '2026-11-25 instalment-mother s1 T0 mother/sms sent',
      '2026-11-28 instalment-mother s1 T+3 mother/sms sent',
      '2026-11-28 instalment-officer s1 T+3 officer/task sent',
    ]);
    expect((await world.reminders({ loanId: paying.loanId })).map(labelOf)).toEqual([
      '2026-11-25 instalment-mother s1 T-7 mother/sms sent',
      '2026-12-01 instalment-mother s1 T-1 mother/sms skipped_paid',
    ]);
    expect(world.gateway.deliveriesTo(latePhone)).toHaveLength(3);
    expect(world.gateway.deliveriesTo(payingPhone)).toHaveLength(1);
  });
  it('holds back what is late while the loan’s arrears are paused, at the sweep and again at send time', async () => {
    // The clock is on 2026-12-12, where the test before left it.
    const early = await world.up.disbursed(await world.up.approved(), { disbursedOn: '2026-11-01', instalments: instalmentsOn(['2026-12-14'], 200_000) });
    const late = await world.up.disbursed(await world.up.approved(), { disbursedOn: '2026-11-01', instalments: instalmentsOn(['2026-12-20'], 200_000) });
    await world.up.paused(early, '2026-12-15', '2026-12-20'); // known before its T+3 is swept

    for (let date = '2026-12-13'; date <= '2026-12-22'; date = addDays(date, 1)) await world.day(date);
    // The T+3 of `late` is swept, then its pause is heard before the send.
    const sending = new Queue('reminders-sending', { connection: world.app.app.get(RedisConnection).options(), prefix: world.app.app.get(AppConfig).BULLMQ_PREFIX });
    try {
      await sending.pause();
      world.clock.set('2026-12-23');
      await world.dailySweep();
      const tPlus3 = `instalment-mother-${late.loanId}.v1.s1-T+3`;
      await eventually(async () => expect(await sending.getJob(tPlus3)).toBeDefined(), { timeoutMs: 60_000 });
      await world.up.paused(late, '2026-12-23', '2026-12-31');
      await sending.resume();
      await world.drain();
    } finally {
      await sending.close();
    }
    for (let date = '2026-12-24'; date <= '2026-12-29'; date = addDays(date, 1)) await world.day(date);

    expect((await world.reminders({ loanId: early.loanId })).map(labelOf)).toEqual([
      '2026-12-13 instalment-mother s1 T-1 mother/sms sent',
      '2026-12-14 instalment-mother s1 T0 mother/sms sent',
      '2026-12-29 instalment-officer s1 T+15 officer/task sent',
    ]);
    expect((await world.reminders({ loanId: late.loanId })).map(labelOf)).toEqual([
      '2026-12-13 instalment-mother s1 T-7 mother/sms sent',
      '2026-12-19 instalment-mother s1 T-1 mother/sms sent',
      '2026-12-20 instalment-mother s1 T0 mother/sms sent',
      '2026-12-23 instalment-mother s1 T+3 mother/sms skipped_paused',
      '2026-12-23 instalment-officer s1 T+3 officer/task skipped_paused',
    ]);
  });
});

describe('reminders: a loan that defaults, escalated step by step (events in-process)', () => {
  const world = useRemindersWorld({ label: 'remindersdefault', today: '2026-12-01' });

  it('reminds the mother, then the officer, the guarantors and the project manager, and on default the manager and each party’s demand', async () => {
    const [phone, householdPhone] = [newPhone(), newPhone()];
    const mother = await world.up.approved({ phone, approvedOn: '2026-11-01' });
    const guarantee = await world.up.guaranteeOpened(mother, { openedOn: '2026-11-01', deadline: '2026-11-20' });
    await world.up.guaranteeEffective(guarantee, { effectiveOn: '2026-11-05', householdPhone });
    const loan = await world.up.disbursed(mother, { disbursedOn: '2026-11-10', instalments: instalmentsOn(['2026-12-10'], 200_000) });
    let demands: { role: string; demandId: string }[] = [];
    // As the loans arrears sweep reports it, after the reminders sweep of the same morning: 1, 31, 61 and 91 days late, then the default and the invocation.
    const happenings: Record<string, () => Promise<unknown>> = {
      '2026-12-11': () => world.up.overdue(loan, 1, '2026-12-11'),
      '2027-01-10': () => world.up.overdue(loan, 1, '2027-01-10'),
      '2027-02-09': () => world.up.overdue(loan, 1, '2027-02-09'),
      '2027-03-11': async () => {
        await world.up.overdue(loan, 1, '2027-03-11');
        const overdueFen = await world.up.defaulted(loan, '2027-03-11', 91);
        demands = await world.up.invoked(guarantee, loan, { invokedOn: '2027-03-11', overdueFen });
      },
    };
    for (let date = '2026-12-01'; date <= '2027-03-14'; date = addDays(date, 1)) {
      await world.day(date);
      await happenings[date]?.();
    }

    const demandOf = (role: string) => demands.find((d) => d.role === role)!.demandId;
    expect(inDateOrder((await world.reminders()).map(labelOf))).toEqual(
      inDateOrder([
        '2026-12-03 instalment-mother s1 T-7 mother/sms sent',
        '2026-12-09 instalment-mother s1 T-1 mother/sms sent',
        '2026-12-10 instalment-mother s1 T0 mother/sms sent',
        '2026-12-13 instalment-mother s1 T+3 mother/sms sent',
        '2026-12-13 instalment-officer s1 T+3 officer/task sent',
        '2026-12-25 instalment-officer s1 T+15 officer/task sent',
        '2026-12-25 instalment-guarantor s1.household T+15 guarantor/sms sent',
        '2026-12-25 instalment-guarantor s1.township T+15 guarantor/task sent',
        '2026-12-25 instalment-guarantor s1.village T+15 guarantor/task sent',
        '2027-01-09 instalment-manager s1 T+30 project_manager/task sent',
        // No visit recorded since the disbursement: the first follow-up is due 90 days after it (2026-11-10 + 90).
        `2027-02-08 follow-up-officer ${mother.applicationId}.2027-02-08 T0 officer/task sent`,
        // LoanDefaulted and GuaranteeInvoked came after the reminders sweep of their date: still reminded, that day.
        `2027-03-11 loan-defaulted-manager ${loan.loanId} T0 project_manager/task sent`,
        `2027-03-11 guarantee-demand ${demandOf('household')} T0 guarantor/sms sent`,
        `2027-03-11 guarantee-demand ${demandOf('township')} T0 guarantor/task sent`,
        `2027-03-11 guarantee-demand ${demandOf('village')} T0 guarantor/task sent`,
      ]),
    );
    expect(world.gateway.deliveriesTo(phone)).toHaveLength(4);
    const toHousehold = world.gateway.deliveriesTo(householdPhone);
    expect(toHousehold).toHaveLength(2);
    expect(toHousehold[1].text).toContain('¥2,000.00');
  }, 600_000);
});
