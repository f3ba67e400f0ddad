import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, stringify } from 'yaml';

const ROOT = resolve(__dirname, '..', '..', '..');
const SPEC = join(ROOT, 'docs', 'asyncapi.yaml');
const MOKAPI = join(ROOT, 'node_modules', '@go-mokapi', 'linux-x64', 'bin', 'mokapi');

/**
 * host:port of the broker: the AsyncAPI document's server entry (mokapi listens there), unless
 * XINGFU_TEST_BROKER moves it, so two runs on one machine need not share a broker.
 */
export function brokerAddress(): string {
  return process.env.XINGFU_TEST_BROKER ?? documentedHost();
}

/**
 * The port of go-mokapi's HTTP API (and its health endpoint, served by the same listener) for a
 * broker on `kafkaAddress`: 1000 below the Kafka port. Given explicitly, so the broker never
 * falls back to its default 8080, which two runs on one machine would fight over.
 */
export function brokerApiPort(kafkaAddress = brokerAddress()): number {
  return Number(kafkaAddress.split(':')[1]) - 1000;
}

function documentedHost(): string {
  const doc = parse(readFileSync(SPEC, 'utf8')) as { servers: Record<string, { host: string }> };
  return Object.values(doc.servers)[0].host;
}

function stateDir(address = brokerAddress()): string {
  return join(tmpdir(), `xingfu-test-broker-${address.replace(/[^0-9]/g, '')}`);
}

function portOpen(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((done) => {
    const socket = createConnection({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** The command line of go-mokapi: every port it opens given, none left at its default. */
export function mokapiArgs(specDir: string, address: string, apiPort = brokerApiPort(address)): string[] {
  return [
    '--providers-file-directory',
    specDir,
    // The API and the health endpoint share one listener; the MCP server (default 8080 too) is off.
    // go-mokapi 0.52 has no bind-address setting: its listeners take every interface.
    '--api-port',
    String(apiPort),
    '--health-port',
    String(apiPort),
    '--mcp-server-enabled=false',
    // Its search index lives in one folder under the temp folder for every go-mokapi on the
    // machine: two runs would write over each other's (seen: failed writes, a broker gone).
    '--api-search-enabled=false',
    '--log-level',
    'warn',
  ];
}

/**
 * go-mokapi 0.52 updates its Kafka metrics from each produce without a lock, and dies of it under
 * load ("fatal error: concurrent map read and map write" in store.UpdateMetrics: seen in the
 * drill, the muling file and the outbox bench over Kafka). With GOMAXPROCS=1 one goroutine at a
 * time runs Go code, and a map write (runtime code, which Go does not preempt midway) ends before
 * another goroutine reads the map: the race cannot strike. XINGFU_BROKER_GOMAXPROCS overrides it.
 */
export function mokapiEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOMAXPROCS: process.env.XINGFU_BROKER_GOMAXPROCS ?? '1' };
}

/** The project's AsyncAPI document, moved to `address`, without the channels of `withoutTopics`. */
function specFor(address: string, withoutTopics: string[] = []): string {
  const text = readFileSync(SPEC, 'utf8').split(documentedHost()).join(address);
  if (!withoutTopics.length) return text;
  const doc = parse(text) as { channels: Record<string, { address: string }>; operations?: Record<string, { channel: { $ref: string } }> };
  for (const [name, channel] of Object.entries(doc.channels)) {
    if (!withoutTopics.includes(channel.address)) continue;
    delete doc.channels[name];
    for (const [op, operation] of Object.entries(doc.operations ?? {})) {
      if (operation.channel.$ref === `#/channels/${name}`) delete doc.operations![op];
    }
  }
  return stringify(doc);
}

async function launch(address: string, dir: string, spec: string): Promise<number> {
  if (!existsSync(MOKAPI)) throw new Error(`go-mokapi is not installed (${MOKAPI}); run npm ci`);
  if (await portOpen(address)) throw new Error(`something else already listens on ${address}; stop it before running the tests`);
  const specDir = join(dir, 'spec');
  mkdirSync(specDir, { recursive: true });
  writeFileSync(join(specDir, 'asyncapi.yaml'), spec);
  const log = openSync(join(dir, 'mokapi.log'), 'a');
  const child = spawn(MOKAPI, mokapiArgs(specDir, address), { stdio: ['ignore', log, log], detached: true, env: mokapiEnv() });
  child.unref();
  const pid = child.pid!;
  writeFileSync(join(dir, 'pid'), String(pid));
  for (let i = 0; i < 100; i++) {
    if (await portOpen(address)) return pid;
    await sleep(100);
  }
  await kill(pid, address);
  throw new Error(`go-mokapi did not open ${address}; see ${join(dir, 'mokapi.log')}`);
}

async function kill(pid: number, address: string): Promise<void> {
  try {
    process.kill(pid, 'SIGCONT'); // a frozen process dies as well, but say so plainly
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let i = 0; i < 50 && (await portOpen(address)); i++) await sleep(100);
}

/**
 * Starts go-mokapi with the project's AsyncAPI document. It hosts exactly the topics in the
 * document and rejects a record that breaks its schema. It watches the folder of the file it
 * loads, so the spec is copied to a folder of its own and the log is written elsewhere.
 */
export async function startBroker(): Promise<void> {
  await stopBroker();
  const address = brokerAddress();
  await launch(address, stateDir(address), specFor(address));
}

/**
 * Restarts the shared broker if its process dies, so one crash fails the file that saw it and not
 * every Kafka file after it. go-mokapi 0.52 has been seen to die of a data race in its own
 * offset-commit metrics ("fatal error: concurrent map read and map write"). A frozen broker
 * (SIGSTOP, on purpose) still exists and is left alone. The restarted broker is empty: what the
 * dead one held is lost, as its crash already lost it.
 */
export function watchBroker(everyMs = 1000): () => void {
  const address = brokerAddress();
  const dir = stateDir(address);
  let restarting = false;
  const timer = setInterval(() => {
    const pidFile = join(dir, 'pid');
    if (restarting || !existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (processExists(pid)) return;
    restarting = true;
    const logTail = readFileSync(join(dir, 'mokapi.log'), 'utf8').split('\n').slice(-12).join('\n');
    console.error(`test broker ${address} (pid ${pid}) died; restarting it empty. Its log ended:\n${logTail}`);
    launch(address, dir, specFor(address))
      .catch((error) => console.error(`test broker ${address} could not be restarted: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (restarting = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function stopBroker(): Promise<void> {
  const pidFile = join(stateDir(), 'pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  await kill(pid, brokerAddress());
}

/**
 * Takes the broker down the way a Kafka outage looks to its clients, without losing what it
 * holds. go-mokapi keeps its log and committed offsets in memory, so stopping it would wipe
 * them (a real Kafka keeps both across a restart) and leave consumers with positions in a log
 * that no longer exists. A frozen process answers nothing: connects and requests time out.
 */
export function freezeBroker(): void {
  process.kill(brokerPid(), 'SIGSTOP');
}

/** The broker answers again, with the log and offsets it had. */
export function thawBroker(): void {
  process.kill(brokerPid(), 'SIGCONT');
}

function brokerPid(): number {
  const pidFile = join(stateDir(), 'pid');
  if (!existsSync(pidFile)) throw new Error('no test broker is running');
  return Number(readFileSync(pidFile, 'utf8'));
}

/** A go-mokapi of one test file's own: its log, offsets and topics shared with nobody. */
export interface PrivateBroker {
  address: string;
  apiPort: number;
  readonly pid: number;
  /** Its process exists (running or frozen): false once it died, on its own or by kill(). */
  alive(): boolean;
  freeze(): void;
  thaw(): void;
  /** Killed: connections refused at once (and, go-mokapi holding all in memory, its log and offsets gone). */
  kill(): Promise<void>;
  /** Started again on the same address after kill(), empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A loopback Kafka port with a free port 1000 below it (its API), above the well-known range. */
async function freeBrokerAddress(): Promise<string> {
  for (;;) {
    const port = await freeLoopbackPort();
    if (port - 1000 < 1024) continue;
    if (await portOpen(`127.0.0.1:${port - 1000}`)) continue;
    return `127.0.0.1:${port}`;
  }
}

function fileBrokerRegistry(): string {
  return join(tmpdir(), `xingfu-file-brokers-${process.env.XINGFU_TEST_RUN ?? process.pid}`);
}

/**
 * Starts the broker of one test file and makes it the file's broker (XINGFU_TEST_BROKER, which
 * brokerAddress() and so testEnv read; Jest gives each file its own process.env). Over one shared
 * broker every new consumer group (each test app has its own) first read every earlier file's
 * events from the start of the topics, and that catch-up grew with the suite until tests timed
 * out waiting for their own events, or counted another file's. The previous file's broker is
 * stopped here rather than in an afterAll: Jest runs a setup file's afterAll before the file's
 * own, which would take the broker from apps still shutting down. freezeBroker() and
 * committedOffsets() follow the address. Each broker opens only its own two ports (see mokapiArgs).
 */
export async function startFileBroker(): Promise<string> {
  await stopFileBrokers();
  const { address } = await launchOnFreePort(stateDir, (a) => specFor(a));
  mkdirSync(fileBrokerRegistry(), { recursive: true });
  writeFileSync(join(fileBrokerRegistry(), address.replace(/[^0-9]/g, '')), address);
  process.env.XINGFU_TEST_BROKER = address;
  return address;
}

/**
 * Launches go-mokapi on a free loopback port, in the folder `dirOf(address)`. The port is free
 * when picked, but another run on the machine may take it before the broker binds it: then the
 * folder is cleared and a fresh port tried, four attempts in all.
 */
async function launchOnFreePort(dirOf: (address: string) => string, specOf: (address: string) => string): Promise<{ address: string; dir: string; spec: string; pid: number }> {
  for (let attempt = 0; ; attempt++) {
    const address = await freeBrokerAddress();
    const dir = dirOf(address);
    try {
      const spec = specOf(address);
      return { address, dir, spec, pid: await launch(address, dir, spec) };
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      if (attempt >= 3) throw error;
    }
  }
}

/** Stops every file broker of this run (the next file's set-up, and the global teardown). */
export async function stopFileBrokers(): Promise<void> {
  const registry = fileBrokerRegistry();
  if (!existsSync(registry)) return;
  for (const entry of readdirSync(registry)) {
    const address = readFileSync(join(registry, entry), 'utf8');
    const pidFile = join(stateDir(address), 'pid');
    if (existsSync(pidFile)) await kill(Number(readFileSync(pidFile, 'utf8')), address);
    if (!process.env.XINGFU_KEEP_BROKER_LOGS) rmSync(stateDir(address), { recursive: true, force: true });
    rmSync(join(registry, entry), { force: true });
  }
}

/**
 * Starts a broker for one test file on a free port (its API 1000 below), optionally without some
 * of the documented topics (a broker a topic was never created on).
 */
export async function startPrivateBroker(options: { withoutTopics?: string[] } = {}): Promise<PrivateBroker> {
  const launched = await launchOnFreePort(
    (address) => join(tmpdir(), `xingfu-private-broker-${process.pid}-${address.split(':')[1]}`),
    (address) => specFor(address, options.withoutTopics),
  );
  const { address, dir, spec } = launched;
  let pid = launched.pid;
  return {
    address,
    apiPort: brokerApiPort(address),
    get pid() {
      return pid;
    },
    alive: () => processExists(pid),
    freeze: () => process.kill(pid, 'SIGSTOP'),
    thaw: () => process.kill(pid, 'SIGCONT'),
    kill: () => kill(pid, address),
    restart: async () => {
      pid = await launch(address, dir, spec);
    },
    stop: async () => {
      await kill(pid, address);
      // XINGFU_KEEP_BROKER_LOGS: leave the folder (spec and mokapi.log) to look into.
      if (!process.env.XINGFU_KEEP_BROKER_LOGS) rmSync(dir, { recursive: true, force: true });
    },
  };
}
