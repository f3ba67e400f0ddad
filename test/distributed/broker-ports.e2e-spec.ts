import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { brokerAddress, brokerApiPort, mokapiArgs, PrivateBroker, startPrivateBroker } from '@xingfu/testing';

/** The TCP ports a process listens on (Linux: its socket inodes matched against /proc/net/tcp{,6}). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((inode): inode is string => !!inode),
  );
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9])) continue; // 0A: LISTEN
      ports.add(parseInt(cols[1].split(':').pop()!, 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

describe('the test broker on a shared machine (issue 13)', () => {
  const brokers: PrivateBroker[] = [];

  afterAll(async () => {
    for (const broker of brokers) await broker.stop();
  });

  it('gives go-mokapi every port it opens, so none falls back to 8080', () => {
    const args = mokapiArgs('/spec', '127.0.0.1:19777');
    const value = (flag: string) => args[args.indexOf(flag) + 1];
    expect(value('--api-port')).toBe('18777');
    expect(value('--health-port')).toBe('18777');
    expect(args).toContain('--mcp-server-enabled=false');
    expect(brokerApiPort(brokerAddress())).toBe(Number(brokerAddress().split(':')[1]) - 1000);
  });

  it('runs two brokers side by side, each listening on its Kafka port and its API port only, its health on the API port', async () => {
    brokers.push(...(await Promise.all([startPrivateBroker(), startPrivateBroker()])));
    for (const broker of brokers) {
      const kafkaPort = Number(broker.address.split(':')[1]);
      expect(listeningPorts(broker.pid)).toEqual([broker.apiPort, kafkaPort].sort((a, b) => a - b));
      expect(listeningPorts(broker.pid)).not.toContain(8080);
      expect((await fetch(`http://127.0.0.1:${broker.apiPort}/health`)).status).toBe(200);
    }
  });

  it('runs go-mokapi on one OS thread (GOMAXPROCS=1), where its unlocked metrics write cannot race', async () => {
    const broker = await startPrivateBroker();
    brokers.push(broker);
    const environment = readFileSync(`/proc/${broker.pid}/environ`, 'utf8').split('\0');
    expect(environment).toContain('GOMAXPROCS=1');
  });
});
