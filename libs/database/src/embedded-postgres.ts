import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { placeForRoot } from './embedded-postgres-as-root';

const DATABASE = 'xingfu';
const logger = new Logger('EmbeddedPostgres');

interface EmbeddedCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  getPgClient(database?: string): { connect(): Promise<void>; query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>; end(): Promise<void> };
}

let running: { cluster: EmbeddedCluster; url: string } | undefined;

/** Signals whose shutdown the process's own handler owns (runHttpApp stops the cluster last). */
const OWNED_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Loads embedded-postgres without the SIGTERM/SIGINT handlers its dependency async-exit-hook
 * installs: they stop every cluster and call process.exit(143) at once, racing the graceful
 * shutdown (requests in flight, relays and consumers still writing) and making its exit
 * code a coin toss. Its other hooks (SIGHUP, exit) stay as a safety net.
 */
export async function loadEmbeddedPostgres(entry = 'embedded-postgres'): Promise<new (options: object) => EmbeddedCluster> {
  const before = new Map(OWNED_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // The package is ESM-only; Node 20's require(esm) loads it from this CommonJS build.
  const loaded = (await import(entry)) as unknown as { default: new (options: object) => EmbeddedCluster };
  for (const signal of OWNED_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded.default;
}

/**
 * Starts (initialising on first use) a private PostgreSQL under `<dataDir>/pg`, for the
 * one-command standalone run. As root, postgres refuses to run, so embedded-postgres runs
 * the server as the OS user `postgres` (createPostgresUser), from where that user can reach
 * it (see placeForRoot).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<string> {
  if (running) return running.url;
  mkdirSync(resolve(dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  const placement = asRoot ? placeForRoot(dataDir) : undefined;
  const databaseDir = placement?.databaseDir ?? resolve(dataDir, 'pg');
  if (placement?.relocatedTo) {
    logger.log(`the OS user "postgres" cannot reach ${resolve(dataDir)}; the cluster lives in ${placement.relocatedTo} (linked from ${resolve(dataDir, 'pg')})`);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres(placement?.moduleEntry);
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: asRoot,
    // The package asks initdb for en_US.UTF-8 messages, a locale many machines lack; the
    // plain C locale exists everywhere (later flags win), and UTF8 keeps Chinese text intact.
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    onLog: (message: string) => logger.debug(String(message).trim()),
    onError: (error: unknown) => logger.warn(String(error).trim()),
  });
  runInItsOwnProcessGroup(cluster);
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    logger.log(`initialising PostgreSQL under ${databaseDir}`);
    await cluster.initialise().catch((error: unknown) => {
      throw new Error(`initialising embedded PostgreSQL under ${databaseDir} failed: ${describe(error)}`);
    });
  }
  // The package rejects with nothing when the server exits at once; its log (debug) says why.
  await cluster.start().catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (${describe(error)}); is another server using it? EMBEDDED_PG_PORT chooses another`);
  });
  const client = cluster.getPgClient('postgres');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`;
  running = { cluster, url };
  logger.log(`embedded PostgreSQL on 127.0.0.1:${port}, data in ${databaseDir}`);
  return url;
}

/**
 * The package spawns initdb and postgres with the options getUidAndGid returns (the OS user
 * to run as); adding `detached` there starts them in a process group of their own. Otherwise
 * a signal to the whole group (Ctrl-C in a terminal, `kill -- -PGID`, systemd's default kill
 * mode) reaches PostgreSQL too, and it stops (SIGINT) or refuses new connections (SIGTERM)
 * under the draining app; the app stops it itself, last, after the drain.
 */
function runInItsOwnProcessGroup(cluster: EmbeddedCluster): void {
  const spawnOptions = cluster as unknown as { getUidAndGid?: () => Promise<object> };
  const original = spawnOptions.getUidAndGid?.bind(cluster);
  if (!original) throw new Error('embedded-postgres changed: getUidAndGid is gone; check how it spawns postgres');
  spawnOptions.getUidAndGid = async () => ({ ...(await original()), detached: true });
}

export async function stopEmbeddedPostgres(): Promise<void> {
  const current = running;
  running = undefined;
  await current?.cluster.stop();
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? 'no reason given' : String(error);
}
