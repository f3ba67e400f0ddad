import { eventually } from '@xingfu/testing';
import { labelOf } from './reminder-labels';
import { RemindersWorld, useRemindersWorld } from './reminders-world';
import { instalmentsOn, Loan, newPhone } from './upstream-events';

/** A mother with one instalment of ¥2,000.00 due on `dueDate`. */
async function loanDue(world: RemindersWorld, dueDate: string): Promise<{ loan: Loan; phone: string }> {
  const phone = newPhone();
  const loan = await world.up.disbursed(await world.up.approved({ phone }), { disbursedOn: '2026-11-01', instalments: instalmentsOn([dueDate], 200_000) });
  return { loan, phone };
}

const statusOf = async (world: RemindersWorld, id: string) => (await world.reminder(id))?.status;

describe('reminders: a gateway that fails, and an outage caught up (events in-process)', () => {
  const world = useRemindersWorld({ label: 'remindersfail', today: '2026-11-22' });

  it('gives one delivery when the gateway fails three times, then succeeds: the retries back off and keep one Idempotency-Key', async () => {
    const { loan, phone } = await loanDue(world, '2026-11-29');
    world.gateway.failNext(3);
    await world.sweepRoute('2026-11-22');

    const id = `instalment-mother-${loan.loanId}.v1.s1-T-7`;
    // The retries wait seconds between attempts (exponential backoff): wait for the outcome, not for a time.
    await eventually(async () => expect(await statusOf(world, id)).toBe('sent'), { timeoutMs: 110_000, intervalMs: 250 });

    const delivered = world.gateway.deliveriesTo(phone);
    expect(delivered).toHaveLength(1);
    const tries = world.gateway.requestsFor(delivered[0].idempotencyKey);
    expect(tries.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    expect(world.gateway.requests.filter((r) => r.body.phone === phone)).toHaveLength(4);
    const [message] = (await world.messages()).filter((m) => m.id === delivered[0].idempotencyKey);
    expect(message).toMatchObject({ channel: 'sms', status: 'sent' });
    expect(JSON.stringify(message.gateway_answer)).toContain(delivered[0].gatewayId);
    expect((await world.reminder(id))?.message_id).toBe(message.id);
  }, 150_000);

  it('shows its queues on the kit\'s Bull Board (admins only)', async () => {
    const basic = Buffer.from(`admin:${world.admin}`).toString('base64');
    const api = await world.app.http().get('/admin/queues/api/queues').set('Authorization', `Basic ${basic}`).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['reminders-sending', 'reminders-sweeps']));
    await world.app.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${world.officer}`).expect(403);
  });

  it('sends no stale T-7 after a 5-day outage: the catch-up records it skipped_stale, and sends what is at most 2 days late', async () => {
    // Swept up to 2026-11-22 (start-up and the test before); down from 11-23 to 11-27; back on 11-28.
    const a = await loanDue(world, '2026-11-30'); // T-7 on 11-23: 5 days late on 11-28
    const c = await loanDue(world, '2026-12-02'); // T-7 on 11-25: 3 days late
    const b = await loanDue(world, '2026-12-03'); // T-7 on 11-26: 2 days late, still sent
    await world.stopApp();
    world.clock.set('2026-11-28');
    await world.restart();
    await eventually(async () => expect((await world.sweptDates()).at(-1)).toBe('2026-11-28'), { timeoutMs: 60_000 });
    await world.drain();
    expect((await world.sweptDates()).filter((d) => d > '2026-11-22')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
    await world.day('2026-11-29');
    await world.day('2026-11-30');

    expect((await world.reminders({ loanId: a.loan.loanId })).map(labelOf)).toEqual([
      '2026-11-23 instalment-mother s1 T-7 mother/sms skipped_stale',
      '2026-11-29 instalment-mother s1 T-1 mother/sms sent',
      '2026-11-30 instalment-mother s1 T0 mother/sms sent',
    ]);
    expect((await world.reminders({ loanId: c.loan.loanId })).map(labelOf)).toEqual(['2026-11-25 instalment-mother s1 T-7 mother/sms skipped_stale']);
    expect((await world.reminders({ loanId: b.loan.loanId })).map(labelOf)).toEqual(['2026-11-26 instalment-mother s1 T-7 mother/sms sent']);
    const stale = await world.reminder(`instalment-mother-${a.loan.loanId}.v1.s1-T-7`);
    expect(stale).toMatchObject({ swept_on: '2026-11-28', message_id: null });
    expect(world.gateway.deliveriesTo(a.phone)).toHaveLength(2);
    expect(world.gateway.deliveriesTo(c.phone)).toHaveLength(0);
    expect(world.gateway.deliveriesTo(b.phone)).toHaveLength(1);
  });
});

describe('reminders: Redis restarted in the middle of sending (a private redis-server, events in-process)', () => {
  const world = useRemindersWorld({ label: 'remindersredis', today: '2026-11-22', privateRedis: true });

  it('loses nothing and doubles nothing: every reminder is sent exactly once after Redis comes back empty', async () => {
    const mothers = [];
    for (let i = 0; i < 20; i++) mothers.push(await loanDue(world, '2026-11-29'));
    // Slow answers, so most sends are still queued (and some in flight) when Redis dies.
    world.gateway.answerAfter(300);
    await world.sweepRoute('2026-11-22');
    const ids = mothers.map((m) => `instalment-mother-${m.loan.loanId}.v1.s1-T-7`);
    await eventually(() => expect(world.gateway.requests.length).toBeGreaterThanOrEqual(2), { timeoutMs: 60_000 });

    const redis = world.redis!;
    await redis.kill();
    const sentBeforeTheCrash = world.gateway.deliveries().length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.restart();
    world.gateway.answerAfter(0);

    await eventually(
      async () => {
        const rows = await world.reminders();
        expect(rows.filter((r) => ids.includes(r.id)).map((r) => r.status)).toEqual(ids.map(() => 'sent'));
      },
      { timeoutMs: 150_000, intervalMs: 250 },
    );
    expect(sentBeforeTheCrash).toBeLessThan(20);
    for (const m of mothers) expect(world.gateway.deliveriesTo(m.phone)).toHaveLength(1);
    expect(world.gateway.deliveries()).toHaveLength(20);
    // One message id per mother and day, whatever was retried: a resend repeats the key, never makes a second SMS.
    expect(new Set(world.gateway.requests.map((r) => r.idempotencyKey)).size).toBe(20);
    const messages = (await world.messages()).filter((m) => m.channel === 'sms');
    expect(messages).toHaveLength(20);
    expect(messages.every((m) => m.status === 'sent')).toBe(true);
  }, 240_000);
});
