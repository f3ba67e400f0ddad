import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventHistory } from './event-history';
import { ReadModelReplay } from './read-model-replay';

/** Every table the read-model consumers write (the facts and the cells), emptied before a rebuild. */
export const READ_MODEL_TABLES = [
  'portfolio_cells',
  'portfolio_township_cells',
  'due_cells',
  'due_township_cells',
  'projects',
  'applications',
  'follow_ups',
  'follow_up_visits',
  'loans',
  'instalments',
  'repayments',
  'buybacks',
  'fund_contributions',
].map((t) => `reporting.${t}`);

export type RebuildProgress = (done: number, total: number) => void;

/**
 * Rebuilds the read models from the event history: empties the facts and cells and forgets
 * which events the read-model consumers handled (their inbox rows and dead letters), then
 * hands every event of the outboxes in this database to the same consumers, through the inbox.
 * The emptying is one transaction (TRUNCATE waits for a running consumer's transaction), so
 * an event a live consumer handles during the replay is counted once: by it, and then skipped
 * by the replay as a duplicate. It rebuilds from the outboxes of THIS database only: the
 * services must share it (standalone, or one database with a schema per service).
 */
@Injectable()
export class ReadModelRebuild {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replay: ReadModelReplay,
  ) {}

  async run(progress: RebuildProgress = () => undefined): Promise<{ events: number }> {
    const consumers = this.replay.consumerKeys();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
      await manager.query(`DELETE FROM reporting.inbox WHERE consumer = ANY($1)`, [consumers]);
      await manager.query(`DELETE FROM reporting.dead_letters WHERE consumer = ANY($1)`, [consumers]);
    });
    const history = new EventHistory(this.dataSource, this.replay.eventTypes());
    const total = await history.count();
    let done = 0;
    progress(done, total);
    for await (const page of history.pages()) {
      await this.replay.deliver(page);
      done += page.length;
      progress(done, Math.max(total, done));
    }
    return { events: done };
  }
}
