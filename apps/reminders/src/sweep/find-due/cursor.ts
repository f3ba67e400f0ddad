import { QueryRunner } from 'typeorm';

/**
 * Reads a query's rows a batch at a time through a server-side cursor, so a date with 100,000
 * reminders never holds them all in memory nor sorts them once per page. The runner must be
 * in a transaction (a cursor lives in one); `cursor` names it, unique within that transaction.
 */
export async function forEachBatch<Row>(runner: QueryRunner, cursor: string, sql: string, params: unknown[], size: number, each: (rows: Row[]) => Promise<void>): Promise<void> {
  const name = `sweep_${cursor.replace(/[^a-z0-9]/gi, '_')}`;
  await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  try {
    for (;;) {
      const rows: Row[] = await runner.query(`FETCH ${Number(size)} FROM ${name}`);
      if (rows.length) await each(rows);
      if (rows.length < size) return;
    }
  } finally {
    await runner.query(`CLOSE ${name}`);
  }
}
