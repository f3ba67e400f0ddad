import { EventEnvelope } from '@xingfu/contracts';
import { envelopeOf, OutboxRow } from '@xingfu/messaging';
import { DataSource } from 'typeorm';

interface HistoryRow extends OutboxRow {
  created_at: Date;
}

/**
 * Every event the services of this database wrote, read from their outboxes (the rows still
 * waiting or published, and those archived past retention): each service's in its write order
 * (seq), the services merged by the time they were written. Only the types asked for.
 */
export class EventHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly types: readonly string[],
    private readonly pageSize = 1000,
  ) {}

  /** The schemas holding an outbox (and its archive). */
  async producers(): Promise<string[]> {
    const rows: { schema: string }[] = await this.dataSource.query(
      `SELECT o.table_schema AS schema FROM information_schema.tables o
        WHERE o.table_name = 'outbox' AND EXISTS (SELECT 1 FROM information_schema.tables a WHERE a.table_schema = o.table_schema AND a.table_name = 'outbox_archive')
        ORDER BY o.table_schema`,
    );
    return rows.map((r) => r.schema);
  }

  async count(): Promise<number> {
    let total = 0;
    for (const schema of await this.producers()) {
      const [{ n }]: { n: number }[] = await this.dataSource.query(
        `SELECT (SELECT count(*) FROM "${schema}".outbox WHERE type = ANY($1)) + (SELECT count(*) FROM "${schema}".outbox_archive WHERE type = ANY($1)) AS n`,
        [this.types],
      );
      total += Number(n);
    }
    return total;
  }

  /** The history in pages of envelopes. */
  async *pages(): AsyncGenerator<EventEnvelope[]> {
    const streams = (await this.producers()).map((schema) => ({ schema, after: '0', buffer: [] as HistoryRow[], done: false }));
    const fill = async (s: (typeof streams)[number]) => {
      if (s.buffer.length || s.done) return;
      const rows: HistoryRow[] = await this.dataSource.query(
        `SELECT * FROM (SELECT seq, event_id, topic, key, type, version, payload, headers, attempts, created_at FROM "${s.schema}".outbox
                        UNION ALL SELECT seq, event_id, topic, key, type, version, payload, headers, attempts, created_at FROM "${s.schema}".outbox_archive) o
          WHERE seq > $1 AND type = ANY($2) ORDER BY seq LIMIT $3`,
        [s.after, this.types, this.pageSize],
      );
      if (rows.length < this.pageSize) s.done = true;
      if (rows.length) s.after = rows[rows.length - 1].seq;
      s.buffer.push(...rows);
    };
    let page: EventEnvelope[] = [];
    for (;;) {
      for (const s of streams) await fill(s);
      const open = streams.filter((s) => s.buffer.length);
      if (!open.length) break;
      const next = open.reduce((a, b) => (b.buffer[0].created_at < a.buffer[0].created_at ? b : a));
      page.push(envelopeOf(next.buffer.shift()!));
      if (page.length >= this.pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }
}
