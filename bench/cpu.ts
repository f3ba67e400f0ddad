import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';

/** Clock ticks per second of /proc (USER_HZ, 100 on Linux). */
const HZ = 100;

interface Sample {
  at: number;
  busy: number;
  self: number;
  backends: Map<number, number>;
  /** The server's own processes (WAL writer, checkpointer, ...): they work for every database. */
  serverShared: number;
}

const SERVER_PROCESS = /^postgres: [^:]+: (checkpointer|background writer|walwriter|autovacuum|logical replication|archiver|stats)/;

function serverSharedTicks(): number {
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (/^\d+$/.test(name) && SERVER_PROCESS.test(cmdline(Number(name)))) ticks += processTicks(Number(name));
  }
  return ticks;
}

/** utime + stime (+ children's, once waited for) of one process, in ticks; 0 if it is gone. */
function processTicks(pid: number | 'self', withChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return utime + stime + (withChildren ? cutime + cstime : 0);
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** This process, its live descendants, and the bench's own broker (it may run detached), in ticks. */
function treeTicks(brokerMark: string): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentOf(Number(name));
    if (parent !== undefined) parents.set(Number(name), parent);
  }
  const inTree = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of parents.keys()) if (!inTree.has(pid) && cmdline(pid).includes(brokerMark)) inTree.add(pid);
  let ticks = processTicks('self', true);
  for (const pid of inTree) if (pid !== process.pid) ticks += processTicks(pid, true);
  return ticks;
}

function busyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  // Interrupt time is left out: the loopback traffic of the bench's own connections lands there,
  // charged to no process, and would read as someone else's load.
  const [user, nice, system, , , , , steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + (steal ?? 0);
}

export interface CpuReport {
  seconds: number;
  cores: number;
  /** CPU of everything else on the machine: not this process tree, the bench database's backends, or the server's shared processes. */
  otherCores: number;
  otherPercentOfMachine: number;
  benchCores: number;
  postgresForBenchCores: number;
  /** WAL writer, checkpointer and the like: shared by every database, so neither the bench's nor "other". */
  postgresSharedCores: number;
}

/**
 * Samples the machine's CPU (/proc/stat) against this process tree's (/proc/self/stat and its
 * children) and the PostgreSQL backends serving the bench database, so a run disturbed by
 * other work on the machine shows it.
 */
export class CpuMeter {
  /** Backend ticks of the windows reported so far: a whole-run report subtracts these. */
  private backendTicks = 0;
  /** The last ticks seen of every backend of the bench database: a pool ended before a sample still counts. */
  private readonly seen = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly client: Client,
    private readonly database: string,
    private readonly brokerMark: string,
  ) {
    this.timer = setInterval(() => void this.watchBackends().catch(() => undefined), 200);
    this.timer.unref();
  }

  /** `broker` is host:port of the bench's broker, whose data folder names it. */
  static async open(databaseUrl: string, broker: string): Promise<CpuMeter> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'xingfu-bench-cpu' });
    await client.connect();
    return new CpuMeter(client, new URL(databaseUrl).pathname.slice(1), `xingfu-test-broker-${broker.replace(/[.:]/g, '')}`);
  }

  private async watchBackends(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [this.database]);
    for (const { pid } of rows) {
      const ticks = processTicks(pid);
      if (ticks > 0) this.seen.set(pid, ticks);
    }
  }

  async sample(): Promise<Sample> {
    await this.watchBackends();
    return { at: Date.now(), busy: busyTicks(), self: treeTicks(this.brokerMark), backends: new Map(this.seen), serverShared: serverSharedTicks() };
  }

  /** A scenario's window; with `wholeRun`, a window spanning the reported ones (their backends are long gone). */
  report(from: Sample, to: Sample, wholeRun = false): CpuReport {
    const seconds = (to.at - from.at) / 1000;
    let backends = 0;
    for (const [pid, ticks] of to.backends) backends += ticks - (from.backends.get(pid) ?? 0);
    if (wholeRun) backends = Math.max(backends, this.backendTicks);
    else this.backendTicks += backends;
    const busy = to.busy - from.busy;
    const self = to.self - from.self;
    const perSecond = (ticks: number) => Math.round((ticks / HZ / seconds) * 100) / 100;
    const shared = to.serverShared - from.serverShared;
    const other = Math.max(0, busy - self - backends - shared);
    return {
      seconds: Math.round(seconds * 10) / 10,
      cores: cpus().length,
      otherCores: perSecond(other),
      otherPercentOfMachine: Math.round((other / HZ / seconds / cpus().length) * 1000) / 10,
      benchCores: perSecond(self),
      postgresForBenchCores: perSecond(backends),
      postgresSharedCores: perSecond(shared),
    };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.client.end();
  }
}
