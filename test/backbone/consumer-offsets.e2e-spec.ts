import { randomBytes } from 'node:crypto';
import { topicOf } from '@xingfu/contracts';
import { brokerAddress, committedOffsets, createTestDatabase, dropTestDatabase, eventually, newTownshipCode, testEnv, TestApp } from '@xingfu/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { submittedEnvelope, submittedPayload } from '../support/backbone';
import { startAppProcess, waitForExit } from '../support/child-process';
import { holdTownshipRow, lockWaits, queryOnce, townshipCount } from './support/hold';
import { startReportingApp } from './support/reporting-app';

const topic = topicOf('applications');

describe('Kafka offsets are committed only after the inbox transaction', () => {
  let databaseUrl: string;
  let app: TestApp | undefined;
  let producer: Producer;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('offsets');
    producer = new Kafka({ clientId: 'offsets-test', brokers: [brokerAddress()], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  /** One ApplicationSubmitted for a township, to a given partition; returns where it landed. */
  async function send(townshipCode: string, partition: number): Promise<{ eventId: string; offset: number }> {
    const envelope = submittedEnvelope(submittedPayload(townshipCode));
    const [meta] = await producer.send({ topic, messages: [{ key: envelope.aggregateId, value: JSON.stringify(envelope), partition }] });
    return { eventId: envelope.eventId, offset: Number(meta.baseOffset) };
  }

  it('redelivers, and handles once, an event whose handler was mid-transaction when its consumer was killed', async () => {
    const groupPrefix = `t${randomBytes(4).toString('hex')}.`;
    const groupId = `${groupPrefix}xingfu.reporting`;
    const env = { KAFKA_GROUP_PREFIX: groupPrefix };

    // The group first reads whatever the shared topic holds and stops cleanly at its end, so
    // the killed consumer's first fetch holds exactly the three events below.
    app = await startReportingApp(databaseUrl, env);
    const caughtUp = newTownshipCode();
    for (const partition of [0, 1, 2]) await send(caughtUp, partition);
    await eventually(async () => expect(await townshipCount(databaseUrl, caughtUp)).toBe(3), { timeoutMs: 60000 });
    await app.close();
    app = undefined;

    const [heldTownship, otherTownship] = [newTownshipCode(), newTownshipCode()];
    const holdHeld = await holdTownshipRow(databaseUrl, heldTownship);
    const holdOther = await holdTownshipRow(databaseUrl, otherTownship);
    const held = await send(heldTownship, 0);
    const others = [await send(otherTownship, 1), await send(otherTownship, 2)];
    const consumer = await startAppProcess('reporting', testEnv(databaseUrl, { kafka: true, extra: env }));
    try {
      await eventually(async () => expect(await lockWaits(databaseUrl)).toBe(3)); // three handlers mid-transaction

      // The other two commit and their batches end; kafkajs then commits every resolved
      // offset: had the held event's been resolved before its transaction, it would go too.
      await holdOther.release();
      await eventually(async () => {
        const offsets = await committedOffsets(groupId, topic);
        expect([offsets.get(1), offsets.get(2)]).toEqual(others.map((o) => o.offset + 1));
      });
      expect((await committedOffsets(groupId, topic)).get(0)).toBeLessThanOrEqual(held.offset);

      consumer.child.kill('SIGKILL');
      await waitForExit(consumer.child);
      await holdHeld.release();
      expect(await townshipCount(databaseUrl, heldTownship)).toBe(0); // the killed transaction rolled back

      // The group again: it resumes at the held event and handles it, once.
      app = await startReportingApp(databaseUrl, env);
      await eventually(async () => expect(await townshipCount(databaseUrl, heldTownship)).toBe(1), { timeoutMs: 30000 });
      const inbox = await queryOnce(databaseUrl, `SELECT consumer FROM reporting.inbox WHERE event_id = $1 AND consumer = 'reporting.applications-by-township'`, [held.eventId]);
      expect(inbox).toEqual([{ consumer: 'reporting.applications-by-township' }]);
      expect(await townshipCount(databaseUrl, otherTownship)).toBe(2);
    } finally {
      consumer.child.kill('SIGKILL');
      await Promise.allSettled([holdHeld.release(), holdOther.release()]);
    }
  });
});
