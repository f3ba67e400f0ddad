import { Injectable, Module } from '@nestjs/common';
import { ManualClock } from '@xingfu/common';
import { DailySweep, defineQueues, JobProcessor, JobQueues, JobsModule } from '@xingfu/jobs';
import { createTestDatabase, dropTestDatabase, eventually, metric, startTestApp, TestApp } from '@xingfu/testing';
import { remindersDatabase } from '../../apps/reminders/src/reminders.database';

let failOn: string | undefined;
const ran: string[] = [];

@Injectable()
class Flaky {
  @JobProcessor('reminders-flaky', 'explode')
  async explode(): Promise<void> {
    throw new Error('boom: the SMS gateway said no');
  }

  @DailySweep('fragile')
  async sweep(businessDate: string): Promise<void> {
    if (businessDate === failOn) throw new Error(`cannot sweep ${businessDate}`);
    ran.push(businessDate);
  }
}

const queues = defineQueues('reminders', { 'reminders-flaky': { jobs: ['explode'], defaultJobOptions: { attempts: 2, backoff: { type: 'fixed', delay: 10 } } } }, { sweeps: ['fragile'] });

@Module({ imports: [JobsModule.forService(queues)], providers: [Flaky] })
class FlakyModule {}

describe('jobs: a failing job or sweep is never swallowed', () => {
  const clock = new ManualClock('2026-11-20');
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('jobfailures');
    app = await startTestApp({ services: [remindersDatabase], modules: [FlakyModule], databaseUrl, clock });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('retries a throwing job, then keeps it failed with its reason, and counts it', async () => {
    const queue = app.app.get(JobQueues).get('reminders-flaky');
    const job = await queue.add('explode', {});
    await eventually(async () => expect(await job.getState()).toBe('failed'));
    const failed = (await queue.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(2);
    expect(failed.failedReason).toBe('boom: the SMS gateway said no');
    await eventually(async () => expect(await metric(app, 'xingfu_jobs_failed_total', { queue: 'reminders-flaky', job: 'explode' })).toBe(1));
    expect(await metric(app, 'xingfu_jobs', { queue: 'reminders-flaky', state: 'failed' })).toBe(1);
  });

  it('stops a catch-up at the day that fails, keeps the days before, and runs that day on the next try', async () => {
    await eventually(() => expect(ran).toEqual(['2026-11-20']));
    failOn = '2026-11-22';
    clock.set('2026-11-23');
    const sweeps = app.app.get(JobQueues).get('reminders-sweeps');
    const attempt = await sweeps.add('daily-sweep', { sweep: 'fragile', reason: 'schedule' }, { attempts: 1 });
    await eventually(async () => expect(await attempt.getState()).toBe('failed'));
    expect((await sweeps.getJob(attempt.id!))?.failedReason).toBe('cannot sweep 2026-11-22');
    expect(ran).toEqual(['2026-11-20', '2026-11-21']);

    failOn = undefined;
    const retry = await sweeps.add('daily-sweep', { sweep: 'fragile', reason: 'schedule' });
    await eventually(async () => expect(await retry.getState()).toBe('completed'));
    expect(ran).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
  });
});
