import { Injectable, Logger } from '@nestjs/common';
import { Clock, datesAfter } from '@xingfu/common';
import { ServiceName } from '@xingfu/contracts';
import { DataSource } from 'typeorm';

/**
 * Runs a daily sweep for every business date it has not run for yet, in date order, up to
 * today's business date: after three days down it runs three times, and a day already
 * recorded in `platform.sweep_runs` is never run again. A sweep that has never run starts
 * today. One advisory lock per service and sweep keeps replicas (and overlapping triggers)
 * from running the same day twice.
 */
@Injectable()
export class SweepRunner {
  private readonly logger = new Logger('DailySweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async catchUp(service: ServiceName, sweep: string, run: (businessDate: string) => Promise<unknown>): Promise<string[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lock = `xingfu.sweep.${service}.${sweep}`;
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
      const today = this.clock.today();
      const [{ last }] = (await runner.query(`SELECT max(business_date)::text AS last FROM platform.sweep_runs WHERE service = $1 AND sweep = $2`, [service, sweep])) as {
        last: string | null;
      }[];
      const dates = last ? datesAfter(last, today) : [today];
      for (const date of dates) {
        // A failure stops here and is thrown: the days before stay recorded, this one runs on the retry.
        await run(date);
        await runner.query(`INSERT INTO platform.sweep_runs (service, sweep, business_date) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [service, sweep, date]);
        this.logger.log(`${service} sweep ${sweep} ran for ${date}`);
      }
      return dates;
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]).catch(() => undefined);
      await runner.release();
    }
  }
}
