import { Injectable, Module } from '@nestjs/common';
import { AppConfig, ManualClock } from '@xingfu/common';
import { DailySweep, defineQueues, drainJobs, JobQueues, JobsModule } from '@xingfu/jobs';
import { RedisConnection } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, startTestApp, TestApp } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { remindersDatabase } from '../../apps/reminders/src/reminders.database';

/** Every business date the sweep ran for, in the order it ran them. */
const ran: string[] = [];

@Injectable()
class RecordingSweep {
  @DailySweep('record-dates')
  async sweep(businessDate: string): Promise<void> {
    ran.push(businessDate);
  }
}

@Module({ imports: [JobsModule.forService(defineQueues('reminders', {}, { sweeps: ['record-dates'] }))], providers: [RecordingSweep] })
class RecordingModule {}

describe('jobs: a daily sweep catches up on the days a process was down', () => {
  const clock = new ManualClock('2026-11-20');
  const prefix = `test-sweep-${process.pid}-${Date.now()}`;
  let databaseUrl: string;
  let app: TestApp | undefined;
  const start = async () => {
    app = await startTestApp({ services: [remindersDatabase], modules: [RecordingModule], databaseUrl, clock, env: { BULLMQ_PREFIX: prefix, SWEEP_HOUR: '2' } });
    await drainJobs(app.app);
    return app;
  };
  const stop = async () => {
    await app?.close();
    app = undefined;
  };
  const recorded = async (a: TestApp) =>
    (await a.dataSource.query(`SELECT business_date::text AS date FROM platform.sweep_runs WHERE service = 'reminders' AND sweep = 'record-dates' ORDER BY ran_at, business_date`)).map(
      (r: { date: string }) => r.date,
    );

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('sweepcatchup');
  });

  afterAll(async () => {
    await stop();
    await dropTestDatabase(databaseUrl);
  });

  it('runs for D at the first start; stopped over D+1..D+3 and started on D+4, runs D+1..D+4 once each, in date order', async () => {
    let a = await start();
    expect(ran).toEqual(['2026-11-20']);
    // Scheduled daily at SWEEP_HOUR, Beijing time.
    const queue = new Queue('reminders-sweeps', { connection: a.app.get(RedisConnection).options(), prefix: a.app.get(AppConfig).BULLMQ_PREFIX });
    try {
      expect(await queue.getJobScheduler('daily-record-dates')).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Shanghai' });
    } finally {
      await queue.close();
    }
    await stop();

    clock.set('2026-11-24');
    a = await start();
    expect(ran).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
    expect(await recorded(a)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
  });

  it('never sweeps a day twice: another run on the same date, or a restart, or several triggers at once run nothing', async () => {
    const before = [...ran];
    const a = app ?? (await start());
    const queue = a.app.get(JobQueues).get('reminders-sweeps');
    await Promise.all([1, 2, 3].map(() => queue.add('daily-sweep', { sweep: 'record-dates', reason: 'schedule' })));
    await drainJobs(a.app);
    await stop();
    await start();
    expect(ran).toEqual(before);

    clock.set('2026-11-25');
    const b = app!;
    await b.app.get(JobQueues).add('reminders-sweeps', 'daily-sweep', { sweep: 'record-dates', reason: 'schedule' });
    await drainJobs(b.app);
    expect(ran).toEqual([...before, '2026-11-25']);
    expect(await recorded(b)).toEqual([...before, '2026-11-25']);
  });
});
