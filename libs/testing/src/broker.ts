import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';

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

function documentedHost(): string {
  const doc = parse(readFileSync(SPEC, 'utf8')) as { servers: Record<string, { host: string }> };
  return Object.values(doc.servers)[0].host;
}

function stateDir(): string {
  return join(tmpdir(), `xingfu-test-broker-${brokerAddress().replace(/[^0-9]/g, '')}`);
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

/**
 * Starts go-mokapi with the project's AsyncAPI document. It hosts exactly the topics in the
 * document and rejects a record that breaks its schema. It watches the folder of the file it
 * loads, so the spec is copied to a folder of its own and the log is written elsewhere.
 */
export async function startBroker(): Promise<void> {
  if (!existsSync(MOKAPI)) throw new Error(`go-mokapi is not installed (${MOKAPI}); run npm ci`);
  await stopBroker();
  if (await portOpen(brokerAddress())) {
    throw new Error(`something else already listens on ${brokerAddress()}; stop it before running the tests`);
  }
  const specDir = join(stateDir(), 'spec');
  mkdirSync(specDir, { recursive: true });
  const spec = readFileSync(SPEC, 'utf8');
  writeFileSync(join(specDir, 'asyncapi.yaml'), spec.split(documentedHost()).join(brokerAddress()));
  const log = openSync(join(stateDir(), 'mokapi.log'), 'a');
  const child = spawn(MOKAPI, ['--providers-file-directory', specDir, '--api-port', String(Number(brokerAddress().split(':')[1]) - 1000), '--log-level', 'warn'], {
    stdio: ['ignore', log, log],
    detached: true,
  });
  child.unref();
  writeFileSync(join(stateDir(), 'pid'), String(child.pid));
  const address = brokerAddress();
  for (let i = 0; i < 100; i++) {
    if (await portOpen(address)) return;
    await sleep(100);
  }
  throw new Error(`go-mokapi did not open ${address}; see ${join(stateDir(), 'mokapi.log')}`);
}

export async function stopBroker(): Promise<void> {
  const pidFile = join(stateDir(), 'pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  const address = brokerAddress();
  for (let i = 0; i < 50 && (await portOpen(address)); i++) await sleep(100);
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
