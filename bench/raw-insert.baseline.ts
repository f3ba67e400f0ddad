import { topicOf } from '@xingfu/contracts';
import { Pool } from 'pg';
import { aggregatePool, envelopeFor, rate, Result, runConcurrently, summarize } from './support';

/**
 * Bare INSERTs (autocommit, one statement each) of the rows OutboxWriter would write, into a
 * table of the outbox's exact shape (columns, defaults, constraints, indexes), from the same
 * number of concurrent connections. No ORM, no explicit transaction, no NOTIFY, no consumer.
 */
export async function runRawInsertBaseline(databaseUrl: string, options: { events: number; writers: number; warmup: number }): Promise<Result> {
  const pool = new Pool({ connectionString: databaseUrl, max: options.writers });
  try {
    await pool.query('DROP TABLE IF EXISTS public.bench_raw');
    await pool.query('CREATE TABLE public.bench_raw (LIKE applications.outbox INCLUDING ALL)');
    const aggregates = aggregatePool();
    const roundTrips: number[] = [];
    const insert = async (i: number): Promise<void> => {
      const { eventId, type, version, aggregateId, payload, ...headers } = envelopeFor(aggregates[i % aggregates.length]);
      const started = Date.now();
      await pool.query(`INSERT INTO public.bench_raw (event_id, topic, key, type, version, payload, headers) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        eventId,
        topicOf('applications'),
        aggregateId,
        type,
        version,
        JSON.stringify(payload),
        JSON.stringify(headers),
      ]);
      roundTrips.push(Date.now() - started);
    };
    await runConcurrently(options.warmup, options.writers, insert);
    await pool.query('TRUNCATE public.bench_raw');
    roundTrips.length = 0;

    const started = Date.now();
    await runConcurrently(options.events, options.writers, insert);
    const durationMs = Date.now() - started;
    const [{ n }] = (await pool.query('SELECT count(*)::int AS n FROM public.bench_raw')).rows;
    if (n !== options.events) throw new Error(`raw insert: ${n} rows for ${options.events} inserts`);
    return {
      scenario: 'raw postgres insert',
      events: options.events,
      writers: options.writers,
      durationMs,
      eventsPerSecond: rate(options.events, durationMs),
      notes: { insertRoundTripMs: summarize(roundTrips) },
    };
  } finally {
    await pool.query('DROP TABLE IF EXISTS public.bench_raw').catch(() => undefined);
    await pool.end();
  }
}
