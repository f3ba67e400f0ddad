import { EventEmitter } from 'node:events';
import { LoanRepaid } from '@xingfu/contracts';
import { KafkaTransport } from './kafka.transport';
import { Subscription } from './event-transport';

/** A kafkajs consumer as far as the transport uses it, with its CRASH event under the test's control. */
class FakeConsumer extends EventEmitter {
  readonly events = { CRASH: 'consumer.crash' };
  subscribed: string[] = [];
  connect = jest.fn(async () => undefined);
  subscribe = jest.fn(async ({ topics }: { topics: string[] }) => void (this.subscribed = topics));
  run = jest.fn(async () => undefined);
  disconnect = jest.fn(async () => undefined);
  crash(restart: boolean) {
    this.emit(this.events.CRASH, { payload: { error: new Error('Attempt to access memory outside buffer bounds'), groupId: 'g', restart } });
  }
}

describe('KafkaTransport consumer groups', () => {
  const subscription = { service: 'applications', consumer: 'close-application-when-loan-repaid', contracts: [LoanRepaid], deliver: jest.fn() } as unknown as Subscription;
  let made: FakeConsumer[];
  let sut: KafkaTransport;

  beforeEach(() => {
    jest.useFakeTimers();
    made = [];
    sut = new KafkaTransport({ brokers: ['127.0.0.1:1'], clientId: 'test', groupPrefix: 't.' });
    (sut as unknown as { kafka: { consumer: () => FakeConsumer } }).kafka.consumer = () => {
      const consumer = new FakeConsumer();
      made.push(consumer);
      return consumer;
    };
  });
  afterEach(() => jest.useRealTimers());

  it('joins the group again after a crash kafkajs will not restart, so the group does not stay stopped', async () => {
    await sut.start([subscription], jest.fn());
    expect(made).toHaveLength(1);
    made[0].crash(false);
    await jest.advanceTimersByTimeAsync(1500);
    expect(made).toHaveLength(2);
    expect(made[1].subscribed).toEqual(['xingfu.loans.v1']);
    expect(made[1].run).toHaveBeenCalled();
  });

  it('leaves a retriable crash to kafkajs, and joins nothing once stopping', async () => {
    await sut.start([subscription], jest.fn());
    made[0].crash(true);
    await jest.advanceTimersByTimeAsync(1500);
    expect(made).toHaveLength(1);
    await sut.stop();
    made[0].crash(false);
    await jest.advanceTimersByTimeAsync(1500);
    expect(made).toHaveLength(1);
  });

  it('keeps trying to join when the broker does not answer yet', async () => {
    await sut.start([subscription], jest.fn());
    made[0].crash(false);
    const failing = jest.fn(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    (sut as unknown as { kafka: { consumer: () => FakeConsumer } }).kafka.consumer = () => {
      const consumer = new FakeConsumer();
      if (made.length === 1) consumer.connect = failing;
      made.push(consumer);
      return consumer;
    };
    await jest.advanceTimersByTimeAsync(1500);
    expect(failing).toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1500);
    expect(made).toHaveLength(3);
    expect(made[2].run).toHaveBeenCalled();
  });

  it('sends one record per produce request when batch publishing is off (the test broker takes no more)', async () => {
    const oneByOne = new KafkaTransport({ brokers: ['127.0.0.1:1'], clientId: 'test', groupPrefix: 't.', batchPublish: false });
    const producer = { connect: jest.fn(async () => undefined), send: jest.fn(async () => undefined), sendBatch: jest.fn(async () => undefined), disconnect: jest.fn() };
    (oneByOne as unknown as { kafka: { producer: () => typeof producer } }).kafka.producer = () => producer;
    const message = (key: string) => ({ topic: 'xingfu.loans.v1', key, envelope: { eventId: key, type: 'LoanRepaid', version: 1, correlationId: 'c' } }) as never;
    const outcomes = await oneByOne.publish([message('a'), message('b'), message('c')]);
    expect(outcomes).toEqual([{ status: 'published' }, { status: 'published' }, { status: 'published' }]);
    expect(producer.sendBatch).not.toHaveBeenCalled();
    expect(producer.send).toHaveBeenCalledTimes(3);
  });
});


describe('kafkajs logs', () => {
  const { kafkaLogCreator, isMissingTopic } = jest.requireActual('./kafka.transport') as typeof import('./kafka.transport');
  const { logLevel, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } = jest.requireActual('kafkajs') as typeof import('kafkajs');

  function sink() {
    const logger = { error: jest.fn(), warn: jest.fn() };
    let clock = 0;
    const log = kafkaLogCreator(logger, 30_000, () => clock)(logLevel.WARN);
    const entry = (level: number, message: string, extra: object = {}) =>
      log({ namespace: 'Connection', level, label: '', log: { message, timestamp: 'now', logger: 'kafkajs', ...extra } });
    return { logger, entry, advance: (ms: number) => (clock += ms) };
  }

  it('go to the process logger at warn and above, not below', () => {
    const { logger, entry } = sink();
    entry(logLevel.ERROR, 'Connection timeout', { broker: '127.0.0.1:1' });
    entry(logLevel.WARN, 'rebalancing');
    entry(logLevel.INFO, 'connected');
    entry(logLevel.DEBUG, 'request');
    expect(logger.error).toHaveBeenCalledWith('[Connection] Connection timeout {"broker":"127.0.0.1:1"}');
    expect(logger.warn).toHaveBeenCalledWith('[Connection] rebalancing');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('write a line kafkajs repeats at every retry once per quiet period, and say how many were held back', () => {
    const { logger, entry, advance } = sink();
    for (let i = 0; i < 20; i++) {
      entry(logLevel.ERROR, 'Connection timeout', { broker: '127.0.0.1:1' });
      advance(1000);
    }
    expect(logger.error).toHaveBeenCalledTimes(1);
    advance(20_000);
    entry(logLevel.ERROR, 'Connection timeout', { broker: '127.0.0.1:1' });
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenLastCalledWith(expect.stringContaining('(19 more like it held back)'));
  });

  it('are on in a real transport: a broker that does not answer is logged, through the Nest logger (pino in an app)', async () => {
    const { Logger } = jest.requireActual('@nestjs/common') as typeof import('@nestjs/common');
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const transport = new KafkaTransport({ brokers: ['127.0.0.1:1'], clientId: 'test', groupPrefix: 't.' });
      const outcomes = await transport.publish([{ topic: 'xingfu.applications.v1', key: 'k', envelope: {} as never }]);
      expect(outcomes[0].status).toBe('unavailable');
      expect(errors.mock.calls.some(([line]) => /^\[(Connection|BrokerPool)\]/.test(String(line)))).toBe(true);
      await transport.stop();
    } finally {
      errors.mockRestore();
    }
  });

  it('tell a missing topic (even wrapped after the retries) from a broker that is unavailable', () => {
    const missing = new KafkaJSProtocolError({ type: 'UNKNOWN_TOPIC_OR_PARTITION', message: 'This server does not host this topic-partition', code: 3, retriable: true } as never);
    expect(isMissingTopic(missing)).toBe(true);
    expect(isMissingTopic(new KafkaJSNumberOfRetriesExceeded(missing, { retryCount: 2, retryTime: 200 }))).toBe(true);
    expect(isMissingTopic(new Error('Connection timeout'))).toBe(false);
  });
});
