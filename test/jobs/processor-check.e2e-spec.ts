import { INestApplication, Injectable, Module } from '@nestjs/common';
import { defineQueues, JobProcessor, JobsModule } from '@xingfu/jobs';
import { createHttpApp } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, testEnv } from '@xingfu/testing';
import { remindersDatabase } from '../../apps/reminders/src/reminders.database';

const queues = defineQueues('reminders', { 'reminders-due': ['send-due-reminder', 'send-overdue-reminder'] });

@Injectable()
class DueProcessor {
  @JobProcessor('reminders-due', 'send-due-reminder')
  async send(): Promise<void> {}
}

@Injectable()
class OverdueProcessor {
  @JobProcessor('reminders-due', 'send-overdue-reminder')
  async send(): Promise<void> {}
}

@Injectable()
class SecondOverdueProcessor {
  @JobProcessor('reminders-due', 'send-overdue-reminder')
  async sendAgain(): Promise<void> {}
}

@Module({ imports: [JobsModule.forService(queues)], providers: [DueProcessor, OverdueProcessor] })
class Complete {}

@Module({ imports: [JobsModule.forService(queues)], providers: [DueProcessor] })
class MissingOne {}

@Module({ imports: [JobsModule.forService(queues)], providers: [DueProcessor, OverdueProcessor, SecondOverdueProcessor] })
class OneTwice {}

describe('jobs: start-up checks that each declared job has exactly one processor', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('jobcheck');
  });

  afterAll(() => dropTestDatabase(databaseUrl));

  async function boot(module: new () => unknown): Promise<void> {
    let app: INestApplication | undefined;
    try {
      app = await createHttpApp({ services: [remindersDatabase], modules: [module as never], standalone: true, env: testEnv(databaseUrl) }, 'jobs check');
      await app.init();
    } finally {
      await app?.close();
    }
  }

  it('starts when every job has one processor', async () => {
    await expect(boot(Complete)).resolves.toBeUndefined();
  });

  it('fails, naming the job, when a job has no processor', async () => {
    await expect(boot(MissingOne)).rejects.toThrow('job send-overdue-reminder on queue reminders-due has no processor');
  });

  it('fails, naming the job and both methods, when a job has two processors', async () => {
    await expect(boot(OneTwice)).rejects.toThrow('job send-overdue-reminder on queue reminders-due has 2 processors: OverdueProcessor.send, SecondOverdueProcessor.sendAgain');
  });
});
