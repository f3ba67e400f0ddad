import { randomBytes } from 'node:crypto';
import { EventEnvelope, topicOf } from '@xingfu/contracts';
import { brokerAddress } from '@xingfu/testing';
import { Kafka, logLevel } from 'kafkajs';
import { withTimeout } from '@xingfu/common';
import { aggregatePool, envelopeFor, rate, Result, runConcurrently, summarize, waitFor } from './support';

/**
 * A bare kafkajs producer sends the same envelopes (valid ApplicationSubmitted v1, so the
 * broker's schema check accepts them) to the applications topic from the same number of
 * concurrent senders, one message per send with acks=-1 like the relay; a bare consumer in a
 * fresh group reads them back. Latency = received − the moment send() was called; the figure
 * from send()'s acknowledgement (the analogue of "after COMMIT") is kept in the notes.
 */
export async function runRawKafkaBaseline(options: { events: number; writers: number; warmup: number; timeoutMs: number }): Promise<Result> {
  const topic = topicOf('applications');
  const kafka = new Kafka({ clientId: 'xingfu-bench', brokers: [brokerAddress()], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomBytes(4).toString('hex')}`, sessionTimeout: 10000, heartbeatInterval: 1000 });
  const aggregates = aggregatePool();
  const sentAt = new Map<string, number>();
  const ackedAt = new Map<string, number>();
  const receivedAt = new Map<string, number>();
  try {
    await producer.connect();
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ message }) => {
        const at = Date.now();
        const envelope = JSON.parse(message.value?.toString('utf8') ?? 'null') as EventEnvelope | null;
        if (envelope?.eventId && !receivedAt.has(envelope.eventId)) receivedAt.set(envelope.eventId, at);
      },
    });
    await withTimeout(joined, options.timeoutMs, `timed out after ${options.timeoutMs} ms waiting for the raw consumer to join its group`);

    const send = async (i: number): Promise<void> => {
      const envelope = envelopeFor(aggregates[i % aggregates.length]);
      sentAt.set(envelope.eventId, Date.now());
      await producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: envelope.aggregateId,
            value: JSON.stringify(envelope),
            headers: { type: envelope.type, version: String(envelope.version), correlationId: envelope.correlationId },
          },
        ],
      });
      ackedAt.set(envelope.eventId, Date.now());
    };

    await runConcurrently(options.warmup, options.writers, send);
    const warmIds = [...sentAt.keys()];
    await waitFor('raw kafka warm-up messages', () => warmIds.every((id) => receivedAt.has(id)), options.timeoutMs);
    sentAt.clear();
    ackedAt.clear();

    await runConcurrently(options.events, options.writers, send);
    await waitFor(`raw kafka: ${options.events} messages consumed`, () => [...sentAt.keys()].every((id) => receivedAt.has(id)), options.timeoutMs, 100);

    const latencies: number[] = [];
    const fromAck: number[] = [];
    let lastReceived = 0;
    for (const [id, sent] of sentAt) {
      const received = receivedAt.get(id) as number;
      latencies.push(received - sent);
      fromAck.push(received - (ackedAt.get(id) as number));
      lastReceived = Math.max(lastReceived, received);
    }
    const durationMs = lastReceived - Math.min(...sentAt.values());
    return {
      scenario: 'raw kafkajs',
      events: options.events,
      writers: options.writers,
      durationMs,
      eventsPerSecond: rate(options.events, durationMs),
      latencyMs: summarize(latencies),
      notes: {
        latencyFromAckMs: summarize(fromAck),
        receivedBeforeAck: fromAck.filter((x) => x < 0).length,
      },
    };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
}
