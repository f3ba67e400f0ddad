import { AppConfig, ManualClock } from '@xingfu/common';
import { RedisConnection } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TestApp } from '@xingfu/testing';
import { Job, Queue } from 'bullmq';
import { IntakeBuilder, requestsAs, seedProject } from './intake';
import { startStandalone } from './standalone-app';

/**
 * A queue handle on the public-notice jobs of this app's Redis, to look at what the app scheduled.
 * It holds a connection of its own: close it, or Jest waits for it.
 */
export function openNoticeQueue(app: TestApp): Queue {
  return new Queue('applications-public-notices', { connection: app.app.get(RedisConnection).options(), prefix: app.app.get(AppConfig).BULLMQ_PREFIX });
}

/** A notice's closing job, once the consumer of PublicNoticeOpened has added it (it runs after the commit, through the inbox). */
export function closingJob(queue: Queue, noticeId: string): Promise<Job> {
  return eventually(async () => {
    const job = await queue.getJob(`close-notice-${noticeId}`);
    if (!job) throw new Error(`no closing job for notice ${noticeId} yet`);
    return job;
  });
}

/**
 * What an intake test starts from: the whole app on a database of its own, one county project,
 * an officer of one township, the county's project manager and a foundation user, with an
 * IntakeBuilder for them (STYLE.md: real services and test-data builders, `ctx.newMother()`).
 * The clock, township and county are there at once; the rest comes in beforeAll, so read it
 * through the context inside hooks and tests, never while the describe is being declared.
 */
export class IntakeContext {
  readonly clock: ManualClock;
  readonly township = newTownshipCode();
  readonly county = this.township.slice(0, 6);
  app!: TestApp;
  projectId!: string;
  officer!: string;
  manager!: string;
  foundation!: string;
  build!: IntakeBuilder;
  private databaseUrl?: string;
  private queue?: Queue;

  constructor(readonly today: string) {
    this.clock = new ManualClock(today);
  }

  /** An arrow, so a file may destructure it before the app is up. */
  readonly as = (token: string) => requestsAs(this.app, token);

  /** The same users on another project of the county, for a test that changes a project's policy. */
  inProject(projectId: string): IntakeBuilder {
    return new IntakeBuilder(this.app, this.clock, projectId, this.township, this.officer, this.manager);
  }

  /** Opened on first use, so a file that never looks at jobs holds no extra connection; closed before the app. */
  get noticeQueue(): Queue {
    return (this.queue ??= openNoticeQueue(this.app));
  }

  async start(label: string, kafka: boolean): Promise<void> {
    this.databaseUrl = await createTestDatabase(label);
    this.app = await startStandalone(this.databaseUrl, { clock: this.clock, kafka });
    this.projectId = await seedProject(this.app.dataSource, this.county);
    this.officer = await this.app.tokenFor('officer', { townships: [this.township] });
    this.manager = await this.app.tokenFor('project_manager', { counties: [this.county] });
    this.foundation = await this.app.tokenFor('foundation');
    this.build = this.inProject(this.projectId);
  }

  async stop(): Promise<void> {
    await this.queue?.close();
    await this.app?.close();
    if (this.databaseUrl) await dropTestDatabase(this.databaseUrl);
  }
}

/**
 * Registers the hooks in the calling describe and hands back the context they fill. The clock
 * goes back to `today` after every test, so a test that moved it and failed cannot move the next.
 */
export function useIntakeContext({ label, kafka = false, today = '2026-11-22' }: { label: string; kafka?: boolean; today?: string }): IntakeContext {
  const ctx = new IntakeContext(today);
  beforeAll(() => ctx.start(label, kafka));
  afterEach(() => {
    ctx.clock.set(today);
  });
  afterAll(() => ctx.stop());
  return ctx;
}
