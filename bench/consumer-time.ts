import { register } from 'prom-client';

/** One consumer's share of a scenario: from the inbox's counters (xingfu_inbox_batch_seconds_total and friends). */
export interface ConsumerTime {
  batches: number;
  events: number;
  eventsPerBatch: number;
  msPerBatch: number;
}

/** What a scenario cost: the app's CPU per event (this process: the app, and the bench's writers) and each consumer's time. */
export interface DeliveryCost {
  appCpuMsPerEvent: number;
  consumers: Record<string, ConsumerTime>;
}

type Counts = Map<string, { seconds: number; batches: number; events: number }>;

async function series(name: string): Promise<Map<string, number>> {
  const metric = register.getSingleMetric(name);
  const values = metric ? (await metric.get()).values : [];
  return new Map(values.map((v) => [String(v.labels.consumer), v.value]));
}

async function counts(): Promise<Counts> {
  const [seconds, batches, handled, duplicates] = await Promise.all(
    ['xingfu_inbox_batch_seconds_total', 'xingfu_inbox_batches_total', 'xingfu_inbox_handled_total', 'xingfu_inbox_duplicates_total'].map(series),
  );
  const out: Counts = new Map();
  for (const [consumer, s] of seconds) {
    out.set(consumer, { seconds: s, batches: batches.get(consumer) ?? 0, events: (handled.get(consumer) ?? 0) + (duplicates.get(consumer) ?? 0) });
  }
  return out;
}

/**
 * Runs `body` and says what its delivery cost: each consumer's batches and time in its inbox
 * transactions (the in-process relay waits for the slowest before its next batch), and this
 * process's CPU per event.
 */
export async function measureDelivery<T>(events: number, body: () => Promise<T>): Promise<{ result: T; cost: DeliveryCost }> {
  const before = await counts();
  const cpu = process.cpuUsage();
  const result = await body();
  const used = process.cpuUsage(cpu);
  const after = await counts();
  const consumers: Record<string, ConsumerTime> = {};
  for (const [consumer, a] of [...after].sort(([x], [y]) => x.localeCompare(y))) {
    const b = before.get(consumer) ?? { seconds: 0, batches: 0, events: 0 };
    const n = a.batches - b.batches;
    if (n === 0) continue;
    const round = (x: number) => Math.round(x * 10) / 10;
    consumers[consumer] = { batches: n, events: a.events - b.events, eventsPerBatch: round((a.events - b.events) / n), msPerBatch: round(((a.seconds - b.seconds) * 1000) / n) };
  }
  return { result, cost: { appCpuMsPerEvent: Math.round(((used.user + used.system) / 1000 / events) * 1000) / 1000, consumers } };
}
