import { randomUUID } from 'node:crypto';
import { AppConfig } from '@xingfu/common';
import { DAILY_SWEEP_JOB, drainJobs } from '@xingfu/jobs';
import { RedisConnection } from '@xingfu/platform';
import { eventually } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { datesAfter } from '@xingfu/kernel';
import { guaranteeIdOf } from './guarantees.steps';
import { Mother, PARTNERS } from './muling-fixtures';
import { deadLettersOf, expectGet, expectPost, MulingWorld, officerOf, outboxesSettled } from './muling-world';
import { daysRemindersFallDue, expectedReminders, recordedReminders } from './reminders.steps';

const YUAN = 100;
const FUND_HALF_FEN = 400_000 * YUAN;

/** A benefit card number (一卡通, UnionPay 62…) of her own: 16 digits, the last the Luhn check digit. */
export function benefitCard(index: number): string {
  const body = `621700${String(index).padStart(9, '0')}`;
  const sum = [...body].reverse().reduce((total, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return total + (d > 9 ? d - 9 : d);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** How each mother's loan goes out: the pig loans partly in kind (the company's piglets), the park's spawn in kind, the lead farmer's group in cash (round 2). */
function disbursementOf(m: Mother, date: string) {
  const cash = (amountFen: number) => ({ amountFen, cardNumber: benefitCard(m.index), cardHolderName: m.body.mother.name });
  switch (m.fate) {
    case 'approved_company':
      return { date, round: 1, cash: cash(200000), inKind: { partnerId: PARTNERS.company, items: [{ name: '巴马香猪仔猪', quantity: 10, unit: '头', valueFen: 300000 }], valueFen: 300000 } };
    case 'approved_park':
      return { date, round: 1, cash: cash(600000), inKind: { partnerId: PARTNERS.park, items: [{ name: '黑木耳菌包', quantity: 4000, unit: '袋', valueFen: 400000 }], valueFen: 400000 } };
    default:
      return { date, round: 2, cash: cash(800000) };
  }
}

interface Payment {
  on: string;
  m: Mother;
  amountFen: number;
  source: 'cash' | 'transfer' | 'guarantor';
  guarantorRole?: 'township' | 'village' | 'household';
}

/** The lead farmer group's 12 monthly due dates from a disbursement on 2026-11-24, and the instalments (the fen remainder on the last). */
const MONTHLY_DUES = Array.from({ length: 12 }, (_, i) => {
  const month = 12 + i; // 2026-12 … 2027-11
  return `${2026 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-24`;
});
const monthly = (seq: number) => (seq < 11 ? 66666 : 800000 - 11 * 66666);

/**
 * Stage 3, the loans: a fund of 800,000 yuan (the foundation's grant and the county's equal
 * local match), the 86 agreements signed and loans disbursed (the 16 pig loans partly in kind),
 * a year of repayments on the business date — most on time, some late, three park loans in
 * default paid by their guarantors, one lead-farmer loan in default written off after the
 * guarantors' demands were 30 days old. At the end the fund identity holds to the fen and the
 * recovery rate is what the payments made it.
 */
export async function mulingLoans(world: MulingWorld): Promise<void> {
  const { app, clock, tokens, projectId } = world;
  const sql = <T = Record<string, any>>(q: string, p: unknown[] = []): Promise<T[]> => app.dataSource.query(q, p);
  const queueOptions = { connection: app.app.get(RedisConnection).options(), prefix: app.app.get(AppConfig).BULLMQ_PREFIX };
  const queue = new Queue('loans-sweeps', queueOptions);
  const remindersSweeps = new Queue('reminders-sweeps', queueOptions);
  const firstDay = '2026-11-23';
  /**
   * The business date moves on; the daily arrears sweep catches up each day since its last run.
   * In process the date also stops on every day a reminder can fall due (remindedDays: each
   * instalment's offsets, the defaults, the follow-up), and the reminders sweep runs there after
   * every event of the day before has been heard (in process, published means delivered): then
   * what it reminds follows from the schedules and payments alone (expectedReminders); the days
   * between are caught up with nothing due. Over Kafka the date jumps and reminders are not counted.
   */
  let remindedDays = new Set<string>();
  const moveTo = async (date: string) => {
    const days = world.kafka || clock.today() >= date ? [date] : datesAfter(clock.today(), date).filter((d) => d === date || remindedDays.has(d));
    for (const day of days) {
      clock.set(day);
      await queue.add(DAILY_SWEEP_JOB, { sweep: 'loan-arrears', reason: 'business-date' });
      await drainJobs(app.app);
      if (world.kafka) continue;
      await outboxesSettled(world);
      await remindersSweeps.add(DAILY_SWEEP_JOB, { sweep: 'reminders-due', reason: 'business-date' });
      await drainJobs(app.app);
    }
  };

  try {
    // 1. The fund: 到位率 100% once both halves have arrived.
    await moveTo(firstDay);
    // The fund opened when loans heard of the project (ProjectRegistered). Over Kafka loans' new
    // consumer group first reads the shared topics' history (every earlier file's events): late in a run that takes a while.
    await eventually(async () => expect(await sql(`SELECT project_id FROM loans.funds WHERE project_id = $1`, [projectId])).toHaveLength(1), { timeoutMs: 180000 });
    for (const stage of ['committed', 'received']) {
      await expectPost(world, tokens.foundation, `/projects/${projectId}/fund/contributions`, { amountFen: FUND_HALF_FEN, source: 'foundation', stage, date: '2026-11-23' });
      await expectPost(world, tokens.manager, `/projects/${projectId}/fund/contributions`, { amountFen: FUND_HALF_FEN, source: 'local_match', stage, date: '2026-11-23' });
    }
    const opened = (await expectGet(world, tokens.foundation, `/projects/${projectId}/fund`)).body;
    expect(opened).toMatchObject({ committedFen: 2 * FUND_HALF_FEN, receivedFen: 2 * FUND_HALF_FEN, arrivalRateBasisPoints: 10000, availableFen: 2 * FUND_HALF_FEN });

    // 2. Each loan waits for its effective guarantee, then the agreement and the disbursement
    //    (by a project manager: the officer who signed the agreement may not pay it out).
    const loanOf = new Map<Mother, string>();
    for (const m of world.approved) {
      const id = await eventually(async () => {
        const [row] = await sql(`SELECT id, status FROM loans.loans WHERE application_id = $1`, [world.ids.get(m)]);
        expect(row?.status).toBe('awaiting_agreement');
        return row.id as string;
      }, { timeoutMs: 60000 });
      loanOf.set(m, id);
      await expectPost(world, officerOf(world, m), `/loans/${id}/agreement`, { signedOn: '2026-11-23' });
    }
    await moveTo('2026-11-24');
    for (const m of world.approved) {
      const res = await expectPost(world, tokens.manager, `/loans/${loanOf.get(m)}/disbursement`, disbursementOf(m, '2026-11-24'));
      expect(res.body.disbursement.cardNumberMasked).toMatch(/^6217 \*{4} \*{4} \d{4}$/);
    }
    remindedDays = await daysRemindersFallDue(world);
    const company = world.approved.filter((m) => m.fate === 'approved_company');
    const park = world.approved.filter((m) => m.fate === 'approved_park');
    const leadFarmer = world.approved.filter((m) => m.fate === 'approved_lead_farmer');
    const disbursedFen = company.length * 500000 + park.length * 1000000 + leadFarmer.length * 800000;
    const afterDisbursement = (await expectGet(world, tokens.foundation, `/projects/${projectId}/fund`)).body;
    expect(afterDisbursement).toMatchObject({ disbursedFen, outstandingFen: disbursedFen, availableFen: 2 * FUND_HALF_FEN - disbursedFen, identityHolds: true });
    const inKind = await sql<{ n: number; fen: number }>(`SELECT count(*)::int AS n, sum(in_kind_fen)::int AS fen FROM loans.loans WHERE project_id = $1 AND in_kind_fen > 0 AND industry = 'pig_raising'`, [projectId]);
    expect(inKind).toEqual([{ n: 16, fen: 16 * 300000 }]);

    // 3. The year's payments, as the mothers (and, for the defaults, their guarantors) make them.
    const [lateCompany, parkLate, parkDefaulted, [lateFarmer, writtenOffFarmer]] = [company.slice(0, 2), park.slice(0, 3), park.slice(3, 6), leadFarmer.slice(0, 2)];
    const payments: Payment[] = [];
    for (const m of company) payments.push({ on: lateCompany.includes(m) ? '2027-06-10' : '2027-05-24', m, amountFen: 500000, source: 'transfer' });
    for (const m of park) {
      if (parkDefaulted.includes(m)) {
        // Never paid: 91 days after 2027-06-30 (on 2027-09-29) the loan defaults; the household pays what is overdue, the village the rest.
        payments.push({ on: '2027-10-08', m, amountFen: 400000, source: 'guarantor', guarantorRole: 'household' });
        payments.push({ on: '2027-10-31', m, amountFen: 600000, source: 'guarantor', guarantorRole: 'village' });
        continue;
      }
      payments.push({ on: parkLate.includes(m) ? '2027-07-20' : '2027-06-30', m, amountFen: 400000, source: 'cash' });
      payments.push({ on: '2027-10-31', m, amountFen: 600000, source: 'cash' });
    }
    for (const m of leadFarmer) {
      const paidMonths = m === writtenOffFarmer ? 3 : 12;
      for (let seq = 0; seq < paidMonths; seq++) {
        const on = m === lateFarmer && seq === 1 ? '2027-02-14' : MONTHLY_DUES[seq];
        payments.push({ on, m, amountFen: monthly(seq), source: 'cash' });
      }
    }
    // Her household guarantor pays part of the demand; nothing more comes.
    payments.push({ on: '2027-07-01', m: writtenOffFarmer, amountFen: 100000, source: 'guarantor', guarantorRole: 'household' });

    const milestones: Record<string, () => Promise<void>> = {
      // The late pig loans entered the first arrears bucket before they were paid.
      '2027-06-10': async () => {
        for (const m of lateCompany) {
          const [overdue] = await sql(`SELECT count(*)::int AS n FROM loans.outbox WHERE type = 'InstalmentOverdue' AND key = $1`, [loanOf.get(m)]);
          expect(overdue.n).toBe(1);
        }
      },
      // The written-off farmer's loan defaulted (91 days after 2027-03-24) and her guarantee was invoked; the foundation may not write it off yet.
      '2027-07-01': async () => {
        const id = loanOf.get(writtenOffFarmer)!;
        await eventually(async () => expect((await expectGet(world, tokens.foundation, `/loans/${id}`)).body.guarantee.invokedOn).toBe('2027-06-23'), { timeoutMs: 60000 });
        const early = await expectPost(world, tokens.foundation, `/loans/${id}/write-off`, { reason: '借款人外出失联' }, 409);
        expect(early.body.code).toBe('guarantor_demands_too_recent');
      },
      '2027-07-24': async () => {
        const id = loanOf.get(writtenOffFarmer)!;
        const res = await expectPost(world, tokens.foundation, `/loans/${id}/write-off`, { reason: '借款人外出失联, 担保人无力代偿' });
        expect(res.body).toMatchObject({ status: 'written_off', writtenOffFen: 800000 - 3 * 66666 - 100000 });
        const loan = (await expectGet(world, tokens.foundation, `/loans/${id}`)).body;
        expect(loan.balances).toMatchObject({ writtenOffFen: 800000 - 3 * 66666 - 100000, principalOutstandingFen: 0, principalRepaidFen: 3 * 66666 + 100000 });
      },
      // The three park defaults: invoked before their guarantors pay.
      '2027-10-08': async () => {
        for (const m of parkDefaulted) {
          const guaranteeId = await guaranteeIdOf(world, world.ids.get(m)!);
          await eventually(async () => expect((await expectGet(world, officerOf(world, m), `/guarantees/${guaranteeId}`)).body.status).toBe('invoked'), { timeoutMs: 60000 });
          expect((await expectGet(world, officerOf(world, m), `/loans/${loanOf.get(m)}`)).body).toMatchObject({ status: 'defaulted', defaultedOn: '2027-09-29' });
        }
      },
    };

    const dates = [...new Set([...payments.map((p) => p.on), ...Object.keys(milestones)])].sort();
    for (const date of dates) {
      await moveTo(date);
      for (const p of payments.filter((x) => x.on === date)) {
        await expectPost(
          world,
          officerOf(world, p.m),
          `/loans/${loanOf.get(p.m)}/repayments`,
          { amountFen: p.amountFen, paidOn: date, source: p.source, ...(p.guarantorRole ? { guarantorRole: p.guarantorRole } : {}), reference: `收据-${p.m.index}-${date}` },
          201,
          { 'Idempotency-Key': randomUUID() },
        );
      }
      await milestones[date]?.();
    }
    await moveTo('2027-12-31');

    // 4. Where it ends: 85 loans repaid, one written off, the fund whole but for that loss.
    const statuses = await sql<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM loans.loans WHERE project_id = $1 GROUP BY status ORDER BY status`, [projectId]);
    expect(statuses).toEqual([
      { status: 'repaid', n: world.approved.length - 1 },
      { status: 'written_off', n: 1 },
    ]);
    const lossFen = 800000 - 3 * 66666 - 100000;
    const paidFen = payments.reduce((sum, p) => sum + p.amountFen, 0);
    expect(paidFen).toBe(disbursedFen - lossFen);
    const fund = (await expectGet(world, tokens.foundation, `/projects/${projectId}/fund`)).body;
    expect(fund).toMatchObject({ receivedFen: 2 * FUND_HALF_FEN, disbursedFen, repaidFen: paidFen, outstandingFen: 0, writtenOffFen: lossFen, availableFen: 2 * FUND_HALF_FEN - lossFen, identityHolds: true });
    expect(fund.receivedFen).toBe(fund.availableFen + fund.outstandingFen + fund.writtenOffFen);
    expect(fund.revolvingRateBasisPoints).toBe(Math.round((disbursedFen / (2 * FUND_HALF_FEN)) * 10000));
    const rounds = Object.fromEntries(fund.rounds.map((r: { round: number | string; disbursedFen: number }) => [r.round, r.disbursedFen]));
    expect(rounds).toMatchObject({ 1: company.length * 500000 + park.length * 1000000, 2: leadFarmer.length * 800000 });

    // 回收率 from the loans' own figures: principal repaid of principal fallen due (all of it, by now).
    const loans = (await expectGet(world, tokens.foundation, `/loans?projectId=${projectId}&pageSize=200`)).body.items as { amountFen: number; balances: { principalRepaidFen: number } }[];
    expect(loans).toHaveLength(world.approved.length);
    const fallenDue = loans.reduce((sum, l) => sum + l.amountFen, 0);
    const repaid = loans.reduce((sum, l) => sum + l.balances.principalRepaidFen, 0);
    expect(repaid / fallenDue).toBeCloseTo(paidFen / disbursedFen, 10);
    expect(repaid / fallenDue).toBeGreaterThan(0.9); // the programme's published figure: repayment above 90%

    // The guarantees followed: released with the loans, the written-off one closed as a loss with what its guarantor paid on record.
    // Over Kafka guarantees hears of the repayments a little later than loans publishes them.
    await eventually(async () => {
      const guarantees = await sql<{ outcome: string; n: number }>(
        `SELECT outcome, count(*)::int AS n FROM guarantees.guarantees WHERE project_id = $1 GROUP BY outcome ORDER BY outcome`,
        [projectId],
      );
      expect(guarantees).toEqual([
        { outcome: 'loss', n: 1 },
        { outcome: 'released', n: world.approved.length - 1 },
      ]);
    }, { timeoutMs: 90000 });
    await eventually(async () => {
      const [pending] = await sql(`SELECT count(*)::int AS n FROM loans.outbox WHERE status <> 'published'`);
      expect(pending.n).toBe(0);
    }, { timeoutMs: 60000 });
    expect(await deadLettersOf(world, ['loans', 'guarantees', 'reminders'])).toEqual([]);

    // 5. The reminders of the year, in process: exactly what the schedules and payments make, all sent.
    if (!world.kafka) {
      const recorded = await recordedReminders(world);
      const expected = await expectedReminders(world, firstDay, '2027-12-31');
      // The year has every kind its loans can cause: before, on and after due dates, the defaults, the demands, the follow-ups.
      expect(Object.keys(expected).sort()).toEqual(['follow-up-officer', 'guarantee-demand', 'instalment-guarantor', 'instalment-manager', 'instalment-mother', 'instalment-officer', 'loan-defaulted-manager']);
      expect(recorded.byKind).toEqual(expected);
      expect(Object.keys(recorded.statuses)).toEqual(['sent']);
    }
  } finally {
    await queue.close();
    await remindersSweeps.close();
  }
}
