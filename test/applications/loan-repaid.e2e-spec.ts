import { randomUUID } from 'node:crypto';
import { EventEnvelope, LoanRepaid, LoanRepaidV1, topicOf } from '@xingfu/contracts';
import { AppConfig } from '@xingfu/common';
import { OutboxWriter } from '@xingfu/messaging';
import { brokerAddress, eventually, newResidentId } from '@xingfu/testing';
import { Kafka, logLevel } from 'kafkajs';
import { useIntakeContext } from '../support/intake-context';

const CONSUMER = 'applications.close-application-when-loan-repaid';

/**
 * The loans service reports a loan repaid (LoanRepaid); intake closes the approved application,
 * and the mother may apply again. The loans service has no feature yet, so the test writes the
 * event into the loans outbox as it will; the standalone app's loans relay publishes it.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('applications: a repaid loan closes the application (events $transport)', ({ kafka }) => {
  const today = '2026-11-22';
  const ctx = useIntakeContext({ label: 'loanrepaid', kafka, today });
  const { as, county } = ctx;
  const applicationOf = async (id: string) => (await as(ctx.manager).get(`/applications/${id}`).expect(200)).body;
  const repaid = (applicationId: string, overrides: Partial<LoanRepaidV1> = {}): LoanRepaidV1 => ({
    loanId: randomUUID(),
    applicationId,
    projectId: ctx.projectId,
    repaidOn: '2027-11-20',
    principalFen: 300000,
    ...overrides,
  });

  /** As the loans service will: through the OutboxWriter, in a transaction, into its own schema. */
  const emit = (payload: LoanRepaidV1): Promise<EventEnvelope<LoanRepaidV1>> =>
    ctx.app.dataSource.transaction((manager) =>
      ctx.app.app.get(OutboxWriter).append(manager, LoanRepaid, {
        aggregateId: payload.loanId,
        payload,
        context: { correlationId: randomUUID(), causationId: null, actor: 'user:loans-officer' },
      }),
    );

  const handled = async (eventId: string) =>
    (await ctx.app.dataSource.query(`SELECT 1 FROM applications.inbox WHERE consumer = $1 AND event_id = $2`, [CONSUMER, eventId])).length === 1;
  const deadLetter = async (eventId: string) =>
    (await ctx.app.dataSource.query(`SELECT error, attempts FROM applications.dead_letters WHERE consumer = $1 AND event_id = $2`, [CONSUMER, eventId]))[0];
  const loanRepaidSteps = async (id: string) =>
    ctx.app.dataSource.query(`SELECT from_status, to_status, actor, actor_role, details FROM applications.application_history WHERE application_id = $1 AND step = 'loan-repaid'`, [id]);

  it('refuses her second application while the loan is unpaid, closes the application when it is repaid, then accepts a new one', async () => {
    const idNumber = newResidentId(county);
    const id = await ctx.build.approved({ idNumber });
    const refused = await as(ctx.officer).post('/applications', ctx.build.survey({ idNumber })).expect(409);
    expect(refused.body).toMatchObject({ code: 'duplicate_application', details: { applicationId: id, status: 'approved' } });

    const event = repaid(id);
    const envelope = await emit(event);
    const closed = await eventually(
      async () => {
        const application = await applicationOf(id);
        expect(application.status).toBe('closed');
        return application;
      },
      { timeoutMs: 30000 },
    );
    expect(closed.history.at(-1)).toMatchObject({
      step: 'loan-repaid',
      fromStatus: 'approved',
      toStatus: 'closed',
      actor: `event:LoanRepaid:${envelope.eventId}`,
      actorRole: 'event',
      details: { loanId: event.loanId, repaidOn: '2027-11-20', principalFen: 300000, reportedBy: 'user:loans-officer' },
    });
    // The event written while handling LoanRepaid belongs to its flow, and names it as the cause.
    const [closedEvent] = await ctx.app.dataSource.query(`SELECT payload, headers FROM applications.outbox WHERE type = 'ApplicationClosed' AND key = $1`, [id]);
    expect(closedEvent.payload).toMatchObject({ applicationId: id, fromStatus: 'approved', cause: 'loan_repaid', loanId: event.loanId, closedOn: '2027-11-20' });
    expect(closedEvent.headers).toMatchObject({
      correlationId: envelope.correlationId,
      causationId: envelope.eventId,
      actor: `event:LoanRepaid:${envelope.eventId}`,
    });

    // Officers keep visiting after repayment (脱贫率 is read from follow-ups); the case stays closed.
    await as(ctx.officer)
      .post(`/applications/${id}/follow-ups`, { visitedOn: today, productionStatus: '出栏', incomeEstimateFen: 800000, problems: '', helpGiven: '' })
      .expect(201);
    expect((await applicationOf(id)).status).toBe('closed');

    const again = await as(ctx.officer).post('/applications', ctx.build.survey({ idNumber })).expect(201);
    expect(again.body.id).not.toBe(id);
    // Screening's "no unpaid loan" rule sees the closed application as repaid.
    await as(ctx.officer).post(`/applications/${again.body.id}/home-visits`, { visitedOn: today, findings: '属实', verified: true }).expect(201);
    const screened = await as(ctx.officer).post(`/applications/${again.body.id}/screening`).expect(201);
    expect(screened.body.checks.find((c: { rule: string }) => c.rule === 'no_unpaid_loan')).toMatchObject({ value: 'false', outcome: 'pass' });
    expect(screened.body.eligible).toBe(true);
    expect(await deadLetter(envelope.eventId)).toBeUndefined();
  });

  it('changes nothing when the same LoanRepaid is delivered again, or the loans service reports it once more', async () => {
    const id = await ctx.build.approved();
    const envelope = await emit(repaid(id));
    await eventually(async () => expect((await applicationOf(id)).status).toBe('closed'), { timeoutMs: 30000 });

    if (kafka) {
      // The very same record again on the loans topic, as a broker redelivery would bring it.
      const producer = new Kafka({ clientId: 'loan-repaid-test', brokers: [brokerAddress()], logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      await producer.send({ topic: topicOf('loans'), messages: [{ key: envelope.aggregateId, value: JSON.stringify(envelope) }] });
      await producer.disconnect();
    } else {
      expect(await ctx.app.messaging.replay(CONSUMER, envelope)).toBe('duplicate');
    }
    // A second report of the same loan (a new event id, same key): handled, and as the key's
    // events arrive in order, once it is handled the redelivery before it has been read too.
    const again = await emit({ ...envelope.payload });
    await eventually(async () => expect(await handled(again.eventId)).toBe(true), { timeoutMs: 30000 });

    expect(await loanRepaidSteps(id)).toHaveLength(1);
    expect((await applicationOf(id)).status).toBe('closed');
    expect(await deadLetter(envelope.eventId)).toBeUndefined();
    expect(await deadLetter(again.eventId)).toBeUndefined();
  });

  it('parks a LoanRepaid for an unknown application, or one that was never approved, as a dead letter and changes nothing', async () => {
    const unknown = await emit(repaid(randomUUID()));
    const { id: open } = await ctx.build.submitted();
    const notApproved = await emit(repaid(open));

    const letters = await eventually(
      async () => {
        const found = [await deadLetter(unknown.eventId), await deadLetter(notApproved.eventId)];
        expect(found).toEqual([expect.anything(), expect.anything()]);
        return found;
      },
      { timeoutMs: 30000 },
    );
    expect(letters[0].error).toContain('unknown application');
    expect(letters[1].error).toContain('submitted');
    const attempts = ctx.app.app.get(AppConfig).INBOX_MAX_ATTEMPTS;
    expect(letters.map((l) => l.attempts)).toEqual([attempts, attempts]);
    expect((await applicationOf(open)).status).toBe('submitted');
    expect(await loanRepaidSteps(open)).toEqual([]);
  });
});
