import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, BusinessDateClock, Clock, DomainError, ManualClock } from '@xingfu/common';
import { DataSource } from 'typeorm';

/** How long a process may see an old managed date after another process changed it. */
export const BUSINESS_DATE_REFRESH_MS = 2_000;

export interface BusinessDateView {
  businessDate: string;
  mode: 'system' | 'managed';
}

type Listener = (date: string) => Promise<void>;

/**
 * The shared record of the managed business date, in schema `platform`. Created idempotently
 * at start-up under an advisory lock, so processes starting together do not race.
 */
export async function ensureBusinessDateTable(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('xingfu.platform.tables'))`);
    await manager.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await manager.query(`
      CREATE TABLE IF NOT EXISTS platform.business_date (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        business_date date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      )`);
  });
}

/**
 * The business date as the system stores it, in every process (the root module wires it, with
 * or without jobs: issue 6 §3, every service sees the same date). In managed mode the record in
 * `platform.business_date` is the one date of every process: each reads it at start-up (seeding
 * it from BUSINESS_DATE, or today, when there is none) and again every couple of seconds, and
 * tells its sweeps when it moved so they catch up. A clock a test injected (a ManualClock) is
 * left alone except by a PUT, which moves it.
 */
@Injectable()
export class BusinessDateStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('BusinessDate');
  private readonly listeners: Listener[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  get mode(): 'system' | 'managed' {
    return this.config.BUSINESS_DATE_MODE;
  }

  async onModuleInit(): Promise<void> {
    await ensureBusinessDateTable(this.dataSource);
    if (!(this.clock instanceof BusinessDateClock) || this.clock.mode !== 'managed') return;
    await this.dataSource.query(`INSERT INTO platform.business_date (id, business_date, updated_by) VALUES (1, $1, 'seed') ON CONFLICT (id) DO NOTHING`, [this.clock.today()]);
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error: Error) => this.logger.warn(`business date not re-read: ${error.message}`)), BUSINESS_DATE_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Called with the new date whenever it moves (a PUT here, or another process's PUT seen on refresh). */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  view(): BusinessDateView {
    return { businessDate: this.clock.today(), mode: this.mode };
  }

  async set(date: string, by: string): Promise<BusinessDateView> {
    if (this.mode !== 'managed') {
      throw new DomainError('conflict', 'business_date_not_managed', 'The business date follows the calendar (BUSINESS_DATE_MODE=system); it cannot be set.', {
        mode: this.mode,
      });
    }
    await this.dataSource.query(
      `INSERT INTO platform.business_date (id, business_date, updated_by, updated_at) VALUES (1, $1, $2, now())
       ON CONFLICT (id) DO UPDATE SET business_date = EXCLUDED.business_date, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [date, by],
    );
    await this.apply(date);
    this.logger.log(`business date set to ${date} by ${by}`);
    return this.view();
  }

  private async refresh(): Promise<void> {
    const [row] = (await this.dataSource.query(`SELECT business_date::text AS date FROM platform.business_date WHERE id = 1`)) as { date: string }[];
    if (row && row.date !== this.clock.today()) await this.apply(row.date);
  }

  private async apply(date: string): Promise<void> {
    const before = this.clock.today();
    if (this.clock instanceof BusinessDateClock) this.clock.setDate(date);
    else if (this.clock instanceof ManualClock) this.clock.set(date);
    if (before !== date) for (const listener of this.listeners) await listener(date);
  }
}
