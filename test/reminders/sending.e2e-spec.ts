import { Client as PgClient } from 'pg';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { ManualClock, PiiCipher } from '@xingfu/common';
import { defineQueues, jobId, JobQueues, JobsModule } from '@xingfu/jobs';
import { MessagingModule } from '@xingfu/messaging';
import { createTestDatabase, drainJobs, dropTestDatabase, eventually, metric, startTestApp, TEST_PII_KEY, TestApp } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { remindersDatabase } from '../../apps/reminders/src/reminders.database';
import { RemindersJob, RemindersQueue } from '../../apps/reminders/src/reminders.jobs';
import { ReminderRequeue } from '../../apps/reminders/src/sending/requeue/reminder-requeue';
import { SendingModule } from '../../apps/reminders/src/sending/sending.module';
import { describeFieldByField, RouteCase } from '../support/field-by-field';
import { useIntakeContext } from '../support/intake-context';

/**
 * The send job on real PostgreSQL and Redis, against a fake SMS gateway that is a real HTTP
 * server. Only the sending part of reminders is booted (its own queue declaration), so no
 * sweep or read-model consumer adds work of its own: reminders and read-model rows are seeded
 * with SQL, as the sweep and the consumers would have left them.
 */
@Module({
  imports: [
    MessagingModule.forFeature({ service: 'reminders', produces: [] }),
    JobsModule.forService(defineQueues('reminders', { [RemindersQueue.Sending]: [RemindersJob.SendReminder] })),
    SendingModule,
  ],
})
class SendingOnlyModule {}

interface GatewayHit {
  key: string | undefined;
  apiKey: string | undefined;
  phone: string;
  text: string;
  templateId: string;
  status: number;
}

/** Answers 503 while told to fail, 200 otherwise; remembers every request. */
class Gateway {
  readonly hits: GatewayHit[] = [];
  failuresLeft = 0;
  url = '';
  private server?: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const body = JSON.parse(raw || '{}');
        const status = this.failuresLeft > 0 ? 503 : 200;
        if (status !== 200) this.failuresLeft -= 1;
        this.hits.push({ key: req.headers['idempotency-key'] as string, apiKey: req.headers['x-api-key'] as string, phone: body.phone, text: body.text, templateId: body.templateId, status });
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { accepted: true, id: `gw-${this.hits.length}` } : { error: 'overloaded' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  to(phone: string): GatewayHit[] {
    return this.hits.filter((h) => h.phone === phone);
  }

  /** What reached a handset: one per message id the gateway accepted (it dedupes on the key). */
  deliveriesTo(phone: string): string[] {
    return [...new Set(this.to(phone).filter((h) => h.status === 200).map((h) => h.key as string))];
  }
}

const TODAY = '2026-03-10';
const DAYTIME = `${TODAY}T10:00:00+08:00`;
const COUNTY = '530102';
const TOWNSHIP = '530102001';
const OTHER_TOWNSHIP = '530102002';

describe('reminders: sending (channels, quiet hours, merging, retries, history, tasks)', () => {
  const clock = new ManualClock(DAYTIME);
  const gateway = new Gateway();
  const cipher = new PiiCipher(Buffer.from(TEST_PII_KEY, 'hex'));
  let databaseUrl: string;
  let app: TestApp;
  let queue: Queue;
  let admin: string;
  const projectId = randomUUID();
  let phoneSeq = 0;
  const newPhone = () => `1380000${String(++phoneSeq).padStart(4, '0')}`;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => app.dataSource.query(text, params);

  /** A loan with one unpaid instalment due today, as the read model holds it. */
  async function seedLoan(township = TOWNSHIP): Promise<string> {
    const loanId = randomUUID();
    await sql(`INSERT INTO reminders.loans (loan_id, application_id, project_id, county_code, township_code) VALUES ($1, $2, $3, $4, $5)`, [loanId, randomUUID(), projectId, COUNTY, township]);
    await sql(`INSERT INTO reminders.instalments (loan_id, schedule_version, seq, due_date, due_fen) VALUES ($1, 1, 1, $2, 123450)`, [loanId, TODAY]);
    return loanId;
  }

  /** A reminder as the sweep leaves it: scheduled, with its facts. */
  async function seedReminder(o: { loanId: string; kind?: string; phone?: string; channel?: 'sms' | 'log' | 'task'; role?: string; township?: string; dueOn?: string; offset?: string; projectId?: string }): Promise<string> {
    const kind = o.kind ?? 'instalment-mother';
    const subject = `${o.loanId}.v1.s1`;
    const offset = o.offset ?? 'T0';
    const id = jobId(kind, subject, offset);
    await sql(
      `INSERT INTO reminders.reminders (id, kind, subject_id, "offset", due_on, swept_on, recipient_role, channel, phone_sealed, phone_hash, project_id, county_code, township_code, loan_id, facts)
       VALUES ($1, $2, $3, $14, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        id,
        kind,
        subject,
        o.dueOn ?? TODAY,
        o.role ?? 'mother',
        o.channel ?? 'sms',
        o.phone ? cipher.encrypt(o.phone) : null,
        o.phone ? cipher.lookupHash(o.phone) : null,
        o.projectId ?? projectId,
        COUNTY,
        o.township ?? TOWNSHIP,
        o.loanId,
        JSON.stringify({ amountFen: 123450, dueDate: TODAY, daysPastDue: 0, nameMasked: '张*梅', seq: 1, loanId: o.loanId, villageCode: `${o.township ?? TOWNSHIP}001` }),
        offset,
      ],
    );
    return id;
  }

  const enqueue = (reminderId: string, id = reminderId) => queue.add(RemindersJob.SendReminder, { reminderId }, { jobId: id });
  const reminder = async (id: string) => (await sql<{ status: string; message_id: string | null; attempts: number; last_error: string | null }>(`SELECT status, message_id, attempts, last_error FROM reminders.reminders WHERE id = $1`, [id]))[0];

  /** Runs a job through its retries now instead of waiting out the backoff (5 s, 10 s, 20 s, ...). */
  async function runThroughRetries(id: string, until: (status: string) => boolean): Promise<void> {
    await eventually(
      async () => {
        const job = await queue.getJob(id);
        if (job && (await job.getState()) === 'delayed') await job.promote();
        expect(until((await reminder(id)).status)).toBe(true);
        expect(['completed', 'failed']).toContain(await (await queue.getJob(id))?.getState());
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  beforeAll(async () => {
    await gateway.start();
    databaseUrl = await createTestDatabase('remsending');
    app = await startTestApp({
      services: [remindersDatabase],
      modules: [SendingOnlyModule],
      databaseUrl,
      clock,
      env: { REMINDERS_SMS_URL: gateway.url, REMINDERS_SMS_KEY: 'test-sms-key', REMINDERS_SMS_TEMPLATE_ID: 'SMS_T_1', REMINDERS_REQUEUE_SECONDS: '3600' },
    });
    queue = app.app.get(JobQueues).get(RemindersQueue.Sending);
    admin = await app.tokenFor('admin');
  });

  afterAll(async () => {
    await app?.close();
    await gateway.stop();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  afterEach(() => {
    clock.set(DAYTIME);
    gateway.failuresLeft = 0;
  });

  it('merges what is due to one phone that day into one SMS, sent with the message id as idempotency key; a later one waits for tomorrow', async () => {
    const phone = newPhone();
    const first = await seedReminder({ loanId: await seedLoan(), phone });
    const second = await seedReminder({ loanId: await seedLoan(), phone });
    await Promise.all([enqueue(first), enqueue(second)]);
    await drainJobs(app.app);

    const hits = gateway.to(phone);
    expect(hits).toHaveLength(1);
    const messageId = jobId('sms', cipher.lookupHash(phone).slice(0, 16), TODAY);
    expect(hits[0]).toMatchObject({ key: messageId, apiKey: 'test-sms-key', templateId: 'SMS_T_1', status: 200 });
    expect(hits[0].text).toMatch(/^您有2条提醒：\n1\. 张\*梅您好，您的第1期还款¥1,234\.50的到期日是2026年3月10日，请按时还款。\n2\. /);
    for (const id of [first, second]) expect(await reminder(id)).toMatchObject({ status: 'sent', message_id: messageId });
    const [message] = await sql<{ status: string; gateway_answer: Record<string, unknown>; sent_at: Date }>(`SELECT status, gateway_answer, sent_at FROM reminders.messages WHERE id = $1`, [messageId]);
    expect(message.status).toBe('sent');
    expect(message.gateway_answer).toMatchObject({ statusCode: 200, body: expect.stringContaining('gw-') });
    expect(new Date(message.sent_at).toISOString()).toBe(clock.now().toISOString());

    // The phone had its SMS today: a reminder found later the same day waits until tomorrow 08:00.
    const late = await seedReminder({ loanId: await seedLoan(), phone });
    await enqueue(late);
    await eventually(async () => expect(await (await queue.getJob(late))?.getState()).toBe('delayed'));
    const waiting = (await queue.getJob(late))!;
    // 22 hours from the (manual) 10:00 to tomorrow's 08:00, give or take the test's own time.
    expect(Math.abs(waiting.delay - (Date.parse('2026-03-11T08:00:00+08:00') - clock.now().getTime()))).toBeLessThan(60_000);
    expect(gateway.to(phone)).toHaveLength(1);
    expect((await reminder(late)).status).toBe('scheduled');
  });

  it('renders the texts of a merged SMS one after the other on its transaction (pg queues a query sent while two others wait, with a warning; pg 9 refuses it)', async () => {
    const phone = newPhone();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await seedReminder({ loanId: await seedLoan(), phone }));
    // What pg warns of: a query handed to a client whose queue already holds one (not pipelined).
    const queuedBehind: string[] = [];
    const original = PgClient.prototype.query;
    const spy = jest.spyOn(PgClient.prototype, 'query').mockImplementation(function (this: PgClient & { _queryQueue?: unknown[]; pipeline?: boolean }, ...args: unknown[]) {
      if ((this._queryQueue?.length ?? 0) > 0 && !this.pipeline) queuedBehind.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text).slice(0, 80));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    try {
      await Promise.all(ids.map((id) => enqueue(id)));
      await drainJobs(app.app);
    } finally {
      spy.mockRestore();
    }
    expect(gateway.to(phone)).toHaveLength(1);
    expect(gateway.to(phone)[0].text).toMatch(/^您有4条提醒：/);
    expect(queuedBehind).toEqual([]);
  });

  it('sends nothing in the quiet hours: at 22:00 the job waits until 08:00', async () => {
    clock.set(`${TODAY}T22:00:00+08:00`);
    const phone = newPhone();
    const id = await seedReminder({ loanId: await seedLoan(), phone });
    await enqueue(id);
    await eventually(async () => {
      const job = await queue.getJob(id);
      expect(job?.processedOn).toBeDefined();
      expect(await job?.getState()).toBe('delayed');
    });
    const job = (await queue.getJob(id))!;
    expect(job.attemptsMade).toBe(0);
    // 10 hours from the (manual) 22:00 to 08:00, give or take the test's own time.
    expect(Math.abs(job.delay - 10 * 3_600_000)).toBeLessThan(60_000);
    expect(gateway.to(phone)).toEqual([]);
    expect((await reminder(id)).status).toBe('scheduled');
  });

  it('checks again at send time: an instalment paid since the sweep is skipped_paid, a late one of a paused loan skipped_paused, a repaid loan skipped_closed', async () => {
    const phone = newPhone();
    const paidLoan = await seedLoan();
    const paid = await seedReminder({ loanId: paidLoan, phone });
    await sql(`UPDATE reminders.instalments SET paid_fen = due_fen, paid_on = $2 WHERE loan_id = $1`, [paidLoan, TODAY]);
    const pausedLoan = await seedLoan();
    const paused = await seedReminder({ loanId: pausedLoan, phone: newPhone(), offset: 'T+3' });
    // A pause holds back what is late, not the reminder before the due date (as the sweep decides).
    const beforeDue = await seedReminder({ loanId: pausedLoan, phone: newPhone(), offset: 'T-1' });
    await sql(`INSERT INTO reminders.arrears_pauses (pause_id, loan_id, from_date, to_date) VALUES ($1, $2, '2026-03-01', '2026-03-31')`, [randomUUID(), pausedLoan]);
    const repaidLoan = await seedLoan();
    const repaid = await seedReminder({ loanId: repaidLoan, phone: newPhone() });
    await sql(`UPDATE reminders.loans SET status = 'repaid', closed_on = $2 WHERE loan_id = $1`, [repaidLoan, TODAY]);
    await Promise.all([enqueue(paid), enqueue(paused), enqueue(beforeDue), enqueue(repaid)]);
    await drainJobs(app.app);
    expect([(await reminder(paid)).status, (await reminder(paused)).status, (await reminder(beforeDue)).status, (await reminder(repaid)).status]).toEqual(['skipped_paid', 'skipped_paused', 'sent', 'skipped_closed']);
    expect(gateway.to(phone)).toEqual([]);
    expect((await queue.getJob(paid))?.returnvalue).toEqual({ settled: 'skipped_paid' });
  });

  it('delivers once when the gateway fails three times and then succeeds: the same message id each time', async () => {
    const phone = newPhone();
    const id = await seedReminder({ loanId: await seedLoan(), phone });
    gateway.failuresLeft = 3;
    await enqueue(id);
    await runThroughRetries(id, (s) => s === 'sent');

    const hits = gateway.to(phone);
    expect(hits.map((h) => h.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(hits.map((h) => h.key)).size).toBe(1);
    expect(gateway.deliveriesTo(phone)).toHaveLength(1);
    expect(await reminder(id)).toMatchObject({ status: 'sent', attempts: 4, last_error: null });
    const job = (await queue.getJob(id))!;
    expect(job.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential' } });
    expect(await job.getState()).toBe('completed');
  });

  it('resends after a crash between the commit and the answer: the same message id, the reminder sent once', async () => {
    const phone = newPhone();
    const id = await seedReminder({ loanId: await seedLoan(), phone });
    // As a claim leaves it when the process dies while the gateway works: message and reminder `sending`.
    const messageId = jobId('sms', cipher.lookupHash(phone).slice(0, 16), TODAY);
    await sql(`INSERT INTO reminders.messages (id, channel, recipient_role, phone_hash, send_day, body, status) VALUES ($1, 'sms', 'mother', $2, $3, '已提交的短信', 'sending')`, [messageId, cipher.lookupHash(phone), TODAY]);
    await sql(`UPDATE reminders.reminders SET status = 'sending', message_id = $2 WHERE id = $1`, [id, messageId]);
    await enqueue(id);
    await drainJobs(app.app);
    expect(gateway.to(phone).map((h) => [h.key, h.text])).toEqual([[messageId, '已提交的短信']]);
    expect(await reminder(id)).toMatchObject({ status: 'sent', message_id: messageId });
  });

  it('after five failures: failed, counted in /metrics, listed by status=failed with the phone masked, and sent by an admin retry', async () => {
    const phone = newPhone();
    const loanId = await seedLoan();
    const id = await seedReminder({ loanId, phone });
    const before = await metric(app, 'xingfu_reminders_failed_total', { kind: 'instalment-mother' });
    gateway.failuresLeft = 5;
    await enqueue(id);
    await runThroughRetries(id, (s) => s === 'failed');

    expect(gateway.to(phone).map((h) => h.status)).toEqual([503, 503, 503, 503, 503]);
    expect(await reminder(id)).toMatchObject({ status: 'failed', attempts: 5, last_error: expect.stringContaining('503') });
    expect(await (await queue.getJob(id))?.getState()).toBe('failed');
    const [message] = await sql<{ status: string }>(`SELECT status FROM reminders.messages WHERE id = (SELECT message_id FROM reminders.reminders WHERE id = $1)`, [id]);
    expect(message.status).toBe('failed');
    expect(await metric(app, 'xingfu_reminders_failed_total', { kind: 'instalment-mother' })).toBe(before + 1);

    const listed = await app.http().get('/api/v1/reminders').query({ status: 'failed', loanId }).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id, kind: 'instalment-mother', dueOn: TODAY, status: 'failed', channel: 'sms', sentThrough: 'sms', sentAt: null, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`, lastError: expect.stringContaining('503') }),
    ]);
    expect(listed.body.items[0].gatewayAnswer).toMatchObject({ statusCode: 503 });
    expect(listed.text).not.toContain(phone);
    const [{ phone_sealed: sealed }] = await sql<{ phone_sealed: string }>(`SELECT phone_sealed FROM reminders.reminders WHERE id = $1`, [id]);
    expect(listed.text).not.toContain(sealed);

    const officer = await app.tokenFor('officer', { townships: [TOWNSHIP] });
    await app.http().post(`/api/v1/reminders/${id}/retry`).set('Authorization', `Bearer ${officer}`).expect(403);
    const retried = await app.http().post(`/api/v1/reminders/${id}/retry`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(retried.body).toEqual({ id, status: 'scheduled', jobId: jobId(id, 'retry', 5) });
    await drainJobs(app.app);
    expect((await reminder(id)).status).toBe('sent');
    expect(gateway.deliveriesTo(phone)).toHaveLength(1);
    const again = await app.http().post(`/api/v1/reminders/${id}/retry`).set('Authorization', `Bearer ${admin}`).expect(409);
    expect(again.body).toMatchObject({ code: 'not_failed', details: { status: 'sent' } });
    await app.http().post(`/api/v1/reminders/nope/retry`).set('Authorization', `Bearer ${admin}`).expect(404);

    const sent = await app.http().get('/api/v1/reminders').query({ loanId }).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(sent.body.items[0]).toMatchObject({ status: 'sent', sentAt: expect.any(String), gatewayAnswer: { statusCode: 200 } });
  });

  it('fails a reminder it cannot even claim on the last attempt (a template broken in the database): failed with the reason and counted, never left scheduled', async () => {
    const broken = randomUUID();
    await sql(`INSERT INTO reminders.project_settings (project_id, county_code, templates) VALUES ($1, $2, $3)`, [broken, COUNTY, JSON.stringify({ 'instalment-mother': '{{amout}}' })]);
    const phone = newPhone();
    const id = await seedReminder({ loanId: await seedLoan(), phone, projectId: broken });
    const before = await metric(app, 'xingfu_reminders_failed_total', { kind: 'instalment-mother' });
    await enqueue(id);
    await runThroughRetries(id, (s) => s === 'failed');
    expect(await reminder(id)).toMatchObject({ status: 'failed', message_id: null, last_error: expect.stringContaining('{{amout}}') });
    expect(await metric(app, 'xingfu_reminders_failed_total', { kind: 'instalment-mother' })).toBe(before + 1);
    expect(gateway.to(phone)).toEqual([]);
  });

  it('records a text with no phone known through the log channel instead of failing it at the gateway', async () => {
    const hitsBefore = gateway.hits.length;
    const id = await seedReminder({ loanId: await seedLoan() });
    await enqueue(id);
    await drainJobs(app.app);
    const [row] = await sql<{ status: string; channel: string; body: string; gateway_answer: Record<string, unknown> }>(
      `SELECT r.status, m.channel, m.body, m.gateway_answer FROM reminders.reminders r JOIN reminders.messages m ON m.id = r.message_id WHERE r.id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'sent', channel: 'log', body: expect.stringContaining('¥1,234.50'), gateway_answer: { logged: true } });
    expect(gateway.hits.length).toBe(hitsBefore);
  });

  it('files a task for an officer in the reminder’s township: listed in scope only, done once, 404 outside', async () => {
    const here = await seedReminder({ loanId: await seedLoan(), kind: 'instalment-officer', role: 'officer', channel: 'task' });
    const there = await seedReminder({ loanId: await seedLoan(OTHER_TOWNSHIP), kind: 'instalment-officer', role: 'officer', channel: 'task', township: OTHER_TOWNSHIP });
    // Tasks are filed at any hour; and a second run of the job files nothing twice.
    clock.set(`${TODAY}T23:00:00+08:00`);
    await Promise.all([enqueue(here), enqueue(there)]);
    await drainJobs(app.app);
    expect([(await reminder(here)).status, (await reminder(there)).status]).toEqual(['sent', 'sent']);

    const officer = await app.tokenFor('officer', { townships: [TOWNSHIP] });
    const stranger = await app.tokenFor('officer', { townships: [OTHER_TOWNSHIP] });
    const list = await app.http().get('/api/v1/tasks').query({ status: 'open' }).set('Authorization', `Bearer ${officer}`).expect(200);
    const mine = list.body.items.filter((t: { reminderId: string }) => [here, there].includes(t.reminderId));
    expect(mine).toEqual([expect.objectContaining({ reminderId: here, townshipCode: TOWNSHIP, status: 'open', title: '逾期还款跟进', body: expect.stringContaining('¥1,234.50') })]);
    const taskId = mine[0].id;

    await app.http().post(`/api/v1/tasks/${taskId}/done`).set('Authorization', `Bearer ${stranger}`).expect(404);
    const done = await app.http().post(`/api/v1/tasks/${taskId}/done`).set('Authorization', `Bearer ${officer}`).expect(200);
    expect(done.body).toMatchObject({ id: taskId, status: 'done', doneAt: clock.now().toISOString() });
    const twice = await app.http().post(`/api/v1/tasks/${taskId}/done`).set('Authorization', `Bearer ${officer}`).expect(409);
    expect(twice.body.code).toBe('task_done');
    await app.http().post(`/api/v1/tasks/${randomUUID()}/done`).set('Authorization', `Bearer ${officer}`).expect(404);
    const open = await app.http().get('/api/v1/tasks').query({ status: 'open' }).set('Authorization', `Bearer ${officer}`).expect(200);
    expect(open.body.items.map((t: { id: string }) => t.id)).not.toContain(taskId);
    const theirs = await app.http().get('/api/v1/tasks').set('Authorization', `Bearer ${stranger}`).expect(200);
    expect(theirs.body.items.map((t: { reminderId: string }) => t.reminderId)).toContain(there);
    expect(theirs.body.items.map((t: { reminderId: string }) => t.reminderId)).not.toContain(here);
    expect(await sql(`SELECT 1 FROM reminders.tasks WHERE reminder_id = ANY($1)`, [[here, there]])).toHaveLength(2);
  });

  it('puts back what Redis lost: requeueOpen enqueues every open reminder due by today under its own id, twice adds nothing', async () => {
    const phone = newPhone();
    const id = await seedReminder({ loanId: await seedLoan(), phone });
    const notYet = await seedReminder({ loanId: await seedLoan(), phone: newPhone(), dueOn: '2026-03-12' });
    const requeue = app.app.get(ReminderRequeue);
    await requeue.requeueOpen();
    await requeue.requeueOpen();
    await drainJobs(app.app);
    expect((await reminder(id)).status).toBe('sent');
    expect(gateway.to(phone)).toHaveLength(1);
    expect(await queue.getJob(notYet)).toBeUndefined();
  });

  it('lists reminders in scope only and refuses bad filters', async () => {
    const loanId = await seedLoan();
    await seedReminder({ loanId, phone: newPhone() });
    const inScope = await app.tokenFor('officer', { townships: [TOWNSHIP] });
    const outOfScope = await app.tokenFor('officer', { townships: [OTHER_TOWNSHIP] });
    const mine = await app.http().get('/api/v1/reminders').query({ loanId, recipient: 'mother', from: TODAY, to: TODAY }).set('Authorization', `Bearer ${inScope}`).expect(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.total).toBe(1);
    const theirs = await app.http().get('/api/v1/reminders').query({ loanId }).set('Authorization', `Bearer ${outOfScope}`).expect(200);
    expect(theirs.body.items).toEqual([]);
    const partner = await app.tokenFor('partner', { partnerId: 'bama-pig-co' });
    expect((await app.http().get('/api/v1/reminders').query({ loanId }).set('Authorization', `Bearer ${partner}`).expect(200)).body.items).toEqual([]);

    for (const bad of [{ from: '2026-02-30' }, { to: 'tomorrow' }, { loanId: 'not-a-uuid' }, { status: 'lost' }, { recipient: 'mayor' }, { limit: '0' }, { offset: '-1' }, { from: '2026-03-11', to: '2026-03-10' }]) {
      const res = await app.http().get('/api/v1/reminders').query(bad).set('Authorization', `Bearer ${admin}`).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(Object.keys(res.body.details)).toEqual([Object.keys(bad).at(-1)]);
    }
    const badTasks = await app.http().get('/api/v1/tasks').query({ status: 'closed' }).set('Authorization', `Bearer ${admin}`).expect(400);
    expect(Object.keys(badTasks.body.details)).toEqual(['status']);
    await app.http().post('/api/v1/tasks/not-a-uuid/done').set('Authorization', `Bearer ${admin}`).expect(400);
  });
});

describe('every sending route of reminders, field by field: never a 5xx, always the one error shape', () => {
  const today = '2026-11-22';
  const ctx = useIntakeContext({ label: 'remsendbadinput', today });

  /** A reminder after its last failed attempt, as the send job leaves it (seeded: no sweep needed). */
  const failedReminder = async () => {
    const id = jobId('instalment-mother', `${randomUUID()}.v1.s1`, 'T0');
    await ctx.app.dataSource.query(
      `INSERT INTO reminders.reminders (id, kind, subject_id, "offset", due_on, swept_on, recipient_role, channel, county_code, township_code, status, attempts, last_error)
       VALUES ($1, 'instalment-mother', $2, 'T0', $3, $3, 'mother', 'log', $4, $5, 'failed', 5, 'gateway answered 503')`,
      [id, id.slice('instalment-mother-'.length, -'-T0'.length), today, ctx.county, ctx.township],
    );
    return { id };
  };
  /** An officer's open task in the context's township. */
  const openTask = async () => {
    const { id: reminderId } = await failedReminder();
    const id = randomUUID();
    await ctx.app.dataSource.query(
      `INSERT INTO reminders.tasks (id, reminder_id, recipient_role, county_code, township_code, title, body, due_on) VALUES ($1, $2, 'officer', $3, $4, '逾期还款跟进', '请上门', $5)`,
      [id, reminderId, ctx.county, ctx.township, today],
    );
    return { id };
  };

  const ROUTES: RouteCase[] = [
    { route: 'GET /api/v1/reminders', as: 'officer', query: () => ({ loanId: randomUUID(), recipient: 'mother', status: 'failed', from: today, to: today, limit: '10', offset: '0' }) },
    { route: 'POST /api/v1/reminders/{id}/retry', as: 'admin', fixture: failedReminder, status: 200 },
    { route: 'GET /api/v1/tasks', as: 'officer', query: () => ({ status: 'open', limit: '10', offset: '0' }) },
    { route: 'POST /api/v1/tasks/{id}/done', as: 'officer', fixture: openTask, status: 200 },
  ];

  describeFieldByField('reminders sending', ctx, ROUTES, { today, documented: /^\/api\/v1\/(reminders$|reminders\/\{id\}\/retry$|tasks)/ });
});
