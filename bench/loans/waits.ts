import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * Where a scenario's time goes on the database side, to tell CPU from WAL flushes from lock
 * waits (bench/README.md "loans"): while it runs, every 20 ms, the bench database's
 * backends by state (running or runnable on a CPU, waiting on a named event, idle in a
 * transaction = waiting for the client, idle); and across it, the WAL flushes per commit
 * (group commit) and the time the backends and this process spent runnable but not running
 * (the kernel's run-queue delay: two cores shared by more busy processes than that).
 */
export interface WaitReport {
  samples: number;
  /** Mean number of the bench database's backends in each state per sample, e.g. `CPU` 1.9, `IO:WALSync` 0.4, `idle in transaction` 6.1. */
  backends: Record<string, number>;
  /** Commits in the bench database during the run (pg_stat_database, less the sampler's own). */
  commits: number;
  /** WAL flushes to disk (pg_stat_wal.wal_sync, the whole server). */
  walSyncs: number;
  commitsPerWalSync: number | null;
  walBytesPerCommit: number | null;
  /** Run-queue delay per commit, ms: of the bench database's backends, and of this process (the app and the bare pg client run here). */
  runQueueMsPerCommit: { backends: number | null; thisProcess: number | null };
}

interface Counters {
  commits: number;
  walSyncs: number;
  walBytes: number;
  backendDelayNs: number;
  selfDelayNs: number;
}

/** Field 2 of /proc/<pid>/schedstat: ns spent runnable on a run queue; 0 if unreadable. */
function runDelayNs(pid: number | 'self'): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) || 0;
  } catch {
    return 0;
  }
}

/** This process's main thread (the app's event loop, or the bare pg client's). */
function selfDelayNs(): number {
  return runDelayNs('self');
}

export class WaitSampler {
  private timer?: NodeJS.Timeout;
  private busy = false;
  private readonly tally = new Map<string, number>();
  private samples = 0;
  private from?: Counters;
  private pids = new Set<number>();
  /** Run delay of backends first seen during the run, at the time they were first seen. */
  private readonly baseline = new Map<number, number>();
  /** Their run delay when last read: a backend that has exited (an idle pool connection closed) keeps what it had. */
  private readonly lastSeen = new Map<number, number>();

  private constructor(private readonly db: Client) {}

  static async open(databaseUrl: string): Promise<WaitSampler> {
    const db = new Client({ connectionString: databaseUrl, application_name: 'xingfu-bench-waits' });
    await db.connect();
    return new WaitSampler(db);
  }

  /** Every 20 ms: it runs in the app's process, and a sample every 5 ms took 2.6% of its main thread. */
  async start(everyMs = 20): Promise<void> {
    this.tally.clear();
    this.samples = 0;
    this.pids.clear();
    this.baseline.clear();
    this.lastSeen.clear();
    this.from = await this.counters();
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  async stop(): Promise<WaitReport> {
    clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 1));
    const to = await this.counters();
    const from = this.from!;
    // The sampler's own queries are transactions too; the stats lag a backend's last second or so (exact once it has exited).
    const commits = to.commits - from.commits - this.samples - 1;
    const walSyncs = to.walSyncs - from.walSyncs;
    const per = (x: number) => (commits > 0 ? Math.round((x / commits) * 100) / 100 : null);
    const backends = Object.fromEntries([...this.tally].sort((a, b) => b[1] - a[1]).map(([state, n]) => [state, Math.round((n / Math.max(1, this.samples)) * 100) / 100]));
    return {
      samples: this.samples,
      backends,
      commits,
      walSyncs,
      commitsPerWalSync: walSyncs > 0 ? Math.round((commits / walSyncs) * 100) / 100 : null,
      walBytesPerCommit: per(to.walBytes - from.walBytes),
      runQueueMsPerCommit: { backends: per((to.backendDelayNs - from.backendDelayNs) / 1e6), thisProcess: per((to.selfDelayNs - from.selfDelayNs) / 1e6) },
    };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.db.end();
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.db.query<{ pid: number; state: string | null; wait: string | null }>(
        `SELECT pid, state, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      this.samples++;
      for (const r of rows) {
        if (!this.pids.has(r.pid)) {
          this.pids.add(r.pid);
          this.baseline.set(r.pid, runDelayNs(r.pid));
        }
        this.lastSeen.set(r.pid, runDelayNs(r.pid) || (this.lastSeen.get(r.pid) ?? 0));
        // An active backend with no wait event is on a CPU or waiting for one.
        const state = r.state === 'active' ? (r.wait ?? 'CPU') : (r.state ?? 'unknown');
        this.tally.set(state, (this.tally.get(state) ?? 0) + 1);
      }
    } catch {
      // A sample lost to a busy machine is only a sample.
    } finally {
      this.busy = false;
    }
  }

  private async counters(): Promise<Counters> {
    const { rows } = await this.db.query<{ commits: string; wal_sync: string; wal_bytes: string }>(
      `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits, wal_sync, wal_bytes FROM pg_stat_wal`,
    );
    let backendDelayNs = 0;
    for (const pid of this.pids) backendDelayNs += (runDelayNs(pid) || (this.lastSeen.get(pid) ?? 0)) - (this.baseline.get(pid) ?? 0);
    return { commits: Number(rows[0].commits), walSyncs: Number(rows[0].wal_sync), walBytes: Number(rows[0].wal_bytes), backendDelayNs, selfDelayNs: selfDelayNs() };
  }
}
