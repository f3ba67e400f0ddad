import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const REQUIRED_ENV = ['DATABASE_URL', 'REDIS_URL', 'KAFKA_BROKERS', 'JWT_SECRET', 'PII_ENCRYPTION_KEY'];

interface ComposeService {
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, unknown>;
  depends_on?: Record<string, { condition?: string }>;
  ports?: string[];
  command?: string[] | string;
}

/** Every app that runs on its own: each directory under apps/ except the all-in-one standalone. */
const apps = readdirSync(join(ROOT, 'apps'))
  .filter((name) => name !== 'standalone' && statSync(join(ROOT, 'apps', name)).isDirectory())
  .sort();

describe('docker/compose.yaml', () => {
  const text = readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8');
  // merge: true resolves `<<: *anchor`, as Compose does.
  const compose = parse(text, { merge: true }) as { services: Record<string, ComposeService> };
  const services = compose.services;

  it('knows the apps it has to run', () => {
    expect(apps.length).toBeGreaterThan(0);
  });

  it('has the infrastructure: PostgreSQL, Redis and Kafka', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'kafka']));
  });

  it.each(apps)('runs %s, built from docker/Dockerfile with its name as APP, with the environment it needs', (app) => {
    const service = services[app];
    expect(service).toBeDefined();
    expect(service.build).toMatchObject({ context: '..', dockerfile: 'docker/Dockerfile', args: { APP: app } });
    for (const variable of REQUIRED_ENV) {
      expect({ app, variable, set: Boolean(service.environment?.[variable]) }).toEqual({ app, variable, set: true });
    }
    for (const infrastructure of ['postgres', 'redis', 'kafka']) {
      expect(service.depends_on?.[infrastructure]?.condition).toBe('service_healthy');
    }
  });

  it('gives every app its own host port', () => {
    const hostPorts = apps.map((app) => (services[app]?.ports ?? []).map((p) => String(p).split(':')[0])).flat();
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(hostPorts).toHaveLength(apps.length);
  });

  it('creates the topic of every app before the apps start', () => {
    const command = [services['kafka-init']?.command ?? ''].flat().join('\n');
    for (const app of apps) expect(command).toMatch(new RegExp(`\\b${app}\\b`));
  });

  it('documents every variable it refuses to start without in docker/.env.example', () => {
    const required = [...text.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    expect(required).toEqual(expect.arrayContaining(['JWT_SECRET', 'PII_ENCRYPTION_KEY']));
    const example = readFileSync(join(ROOT, 'docker', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^(\w+)=/gm)].map((m) => m[1]));
    for (const variable of required) expect({ variable, documented: documented.has(variable) }).toEqual({ variable, documented: true });
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');

  it('is multi-stage', () => {
    expect(dockerfile.match(/^FROM\s/gim)?.length).toBeGreaterThanOrEqual(2);
  });

  it('runs as a user other than root', () => {
    // The last USER line is the one the container runs as.
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gim)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
  });
});
