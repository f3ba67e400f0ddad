import { ApplicationSubmitted, EventEnvelope } from '@xingfu/contracts';
import { KafkaTransport, Subscription } from '@xingfu/messaging';
import { eventually, newTownshipCode, PrivateBroker, startPrivateBroker } from '@xingfu/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { submittedEnvelope, submittedPayload } from '../support/backbone';

/**
 * Consumers start from the beginning on the assumption that a new read model sees the whole
 * history (issue 13, retention). Compose keeps it on Kafka (kafka-init: retention.ms=-1, checked
 * by test/static/distributed-compose.spec.ts); here a consumer group created after 10,000 events
 * reads every one of them from the broker the tests run against.
 */
const EVENTS = 10_000;
const PRODUCERS = 8;

describe('history on the broker', () => {
  let broker: PrivateBroker;
  let transport: KafkaTransport | undefined;

  beforeAll(async () => {
    broker = await startPrivateBroker();
  });

  afterAll(async () => {
    await transport?.stop();
    await broker?.stop();
  });

  it(`a consumer group created after ${EVENTS} events sees all of them`, async () => {
    const township = newTownshipCode();
    const envelopes = Array.from({ length: EVENTS }, () => submittedEnvelope(submittedPayload(township)));
    const kafka = new Kafka({ clientId: 'retention-test', brokers: [broker.address], logLevel: logLevel.NOTHING });
    const began = Date.now();
    // go-mokapi takes one record per produce request: several producers side by side.
    await Promise.all(
      Array.from({ length: PRODUCERS }, async (_, p) => {
        const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
        await producer.connect();
        try {
          for (let i = p; i < envelopes.length; i += PRODUCERS) {
            const e = envelopes[i];
            await producer.send({ topic: 'xingfu.applications.v1', acks: -1, messages: [{ key: e.aggregateId, value: JSON.stringify(e), headers: { type: e.type, version: String(e.version), correlationId: e.correlationId } }] });
          }
        } finally {
          await producer.disconnect();
        }
      }),
    );
    const produced = Date.now();

    // Only now is the group created: a new read model, reading through the transport the apps use.
    const seen = new Set<string>();
    let deliveries = 0;
    const subscription: Subscription = {
      service: 'reporting',
      consumer: 'reporting.retention-test',
      contracts: [ApplicationSubmitted],
      deliver: async (batch: EventEnvelope[]) => {
        for (const e of batch) {
          deliveries++;
          seen.add(e.eventId);
        }
      },
    };
    transport = new KafkaTransport({ brokers: [broker.address], clientId: 'retention-test', groupPrefix: `retention-${Date.now()}.`, batchPublish: false });
    await transport.start([subscription], async () => {
      throw new Error('no record here is unreadable');
    });
    await eventually(() => expect(seen.size).toBe(EVENTS), { timeoutMs: 60_000, intervalMs: 250 });
    expect(envelopes.every((e) => seen.has(e.eventId))).toBe(true);
    process.stdout.write(`retention: ${EVENTS} events produced in ${produced - began} ms; a new group read ${seen.size} distinct (${deliveries} deliveries) in ${Date.now() - produced} ms\n`);
  }, 150_000);
});
