import { setTimeout as sleep } from 'node:timers/promises';
import { TestApp } from '@xingfu/testing';
import { submitter } from './outbox.scenario';
import { measureDelivery } from './consumer-time';
import { PROBE_TABLE_SQL } from './probe.module';
import { aggregatePool, rate, Result, summarize, waitFor } from './support';

/**
 * An offered rate, not a burst: events start on a fixed schedule (`ratePerSecond` for
 * `seconds`), each in its own transaction through the unit of work, whatever the backbone does.
 * Latency = the probe's stamp in the consumer's inbox transaction − the producer's COMMIT
 * returned, so it shows how far delivery falls behind at that rate.
 */
export async function runRateScenario(app: TestApp, ratePerSecond: number, seconds: number, timeoutMs: number): Promise<Result> {
  const submit = submitter(app);
  const aggregates = aggregatePool();
  await app.dataSource.query(PROBE_TABLE_SQL);
  await app.dataSource.query('TRUNCATE reporting.bench_probe');
  const total = ratePerSecond * seconds;
  const commitTimes = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  const append = (i: number): Promise<void> => {
    const aggregateId = aggregates[i % aggregates.length];
    return submit(aggregateId).then((envelope) => void commitTimes.set(envelope.eventId, Date.now()));
  };

  const probed = async () => (await app.dataSource.query(`SELECT count(*)::int AS n FROM reporting.bench_probe`))[0].n as number;
  const started = Date.now();
  let offeredMs = 0;
  const { cost } = await measureDelivery(total, async () => {
    let issued = 0;
    while (issued < total) {
      const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * ratePerSecond));
      for (; issued < due; issued++) {
        const p = append(issued).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await sleep(2);
    }
    await Promise.all(inFlight);
    offeredMs = Date.now() - started;
    await waitFor(`${ratePerSecond}/s: ${total} events at the probe`, async () => (await probed()) >= total, timeoutMs, 100);
  });

  const rows: { event_id: string; at: number }[] = await app.dataSource.query(`SELECT event_id, extract(epoch FROM handled_at) * 1000 AS at FROM reporting.bench_probe`);
  const latencies = rows.map((row) => {
    const committedAt = commitTimes.get(row.event_id);
    if (committedAt === undefined) throw new Error(`rate ${ratePerSecond}: the probe saw an event this run did not commit`);
    return Number(row.at) - committedAt;
  });
  return {
    scenario: `in-process @ ${ratePerSecond}/s`,
    events: total,
    writers: 0,
    durationMs: offeredMs,
    eventsPerSecond: rate(total, offeredMs),
    latencyMs: summarize(latencies),
    notes: { delivery: cost },
  };
}
