import { Logger } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { errorMessage } from '@xingfu/common';

/** The backbone tables one running MessagingRuntime owns. */
export interface BackboneTables {
  dataSource: DataSource;
  producers: ServiceName[];
  consumers: { service: ServiceName; consumer: string }[];
}

const OUTBOX_STATUSES = ['pending', 'published', 'failed'] as const;
const watched = new Set<BackboneTables>();
const logger = new Logger('BackboneGauges');

/**
 * Gauges computed from the database when /metrics is scraped, so they tell what the tables
 * hold, also right after a restart (a counter restarts at zero with the process). Returns
 * the function that stops watching (at shutdown). Several runtimes in one process (tests)
 * each add their tables; one hosting the same service as another overwrites its figures.
 */
export function watchBackboneTables(tables: BackboneTables): () => void {
  registerGauges();
  watched.add(tables);
  return () => void watched.delete(tables);
}

function registerGauges(): void {
  if (!register.getSingleMetric('xingfu_outbox_rows')) {
    new Gauge({
      name: 'xingfu_outbox_rows',
      help: 'Outbox rows by service and status, read from the database at scrape time',
      labelNames: ['service', 'status'],
      async collect() {
        this.reset();
        for (const tables of watched) await readOutboxes(this, tables);
      },
    });
  }
  if (!register.getSingleMetric('xingfu_dead_letters')) {
    new Gauge({
      name: 'xingfu_dead_letters',
      help: 'Dead letters by consumer, state unreplayed or replayed, read from the database at scrape time',
      labelNames: ['service', 'consumer', 'state'],
      async collect() {
        this.reset();
        for (const tables of watched) await readDeadLetters(this, tables);
      },
    });
  }
}

async function readOutboxes(gauge: Gauge<string>, { dataSource, producers }: BackboneTables): Promise<void> {
  for (const service of producers) {
    const rows = await safely<{ status: string; n: number }>(() =>
      dataSource.query(`SELECT status, count(*)::int AS n FROM "${service}".outbox GROUP BY status`),
    );
    if (!rows) continue;
    for (const status of OUTBOX_STATUSES) gauge.set({ service, status }, 0);
    for (const { status, n } of rows) gauge.set({ service, status }, n);
  }
}

async function readDeadLetters(gauge: Gauge<string>, { dataSource, consumers }: BackboneTables): Promise<void> {
  for (const service of new Set(consumers.map((c) => c.service))) {
    const rows = await safely<{ consumer: string; unreplayed: number; replayed: number }>(() =>
      dataSource.query(
        `SELECT consumer, count(*) FILTER (WHERE replayed_at IS NULL)::int AS unreplayed, count(*) FILTER (WHERE replayed_at IS NOT NULL)::int AS replayed
           FROM "${service}".dead_letters GROUP BY consumer`,
      ),
    );
    if (!rows) continue;
    // Known consumers show 0 rather than nothing, so an alert on the series has one to read.
    for (const { consumer } of consumers.filter((c) => c.service === service)) {
      gauge.set({ service, consumer, state: 'unreplayed' }, 0);
      gauge.set({ service, consumer, state: 'replayed' }, 0);
    }
    for (const { consumer, unreplayed, replayed } of rows) {
      gauge.set({ service, consumer, state: 'unreplayed' }, unreplayed);
      gauge.set({ service, consumer, state: 'replayed' }, replayed);
    }
  }
}

/** /metrics must answer while the database does not: the figures are then missing, not zero. */
async function safely<T>(read: () => Promise<T[]>): Promise<T[] | undefined> {
  try {
    return await read();
  } catch (error) {
    logger.warn(`backbone gauges unavailable: ${errorMessage(error)}`);
    return undefined;
  }
}
