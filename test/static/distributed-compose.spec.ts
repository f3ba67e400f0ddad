import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@xingfu/common';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

interface ComposeService {
  environment?: Record<string, unknown>;
  stop_grace_period?: string;
  healthcheck?: { test?: string[] | string };
  command?: string[] | string;
}

const apps = readdirSync(join(ROOT, 'apps'))
  .filter((name) => name !== 'standalone' && statSync(join(ROOT, 'apps', name)).isDirectory())
  .sort();

/** A Compose duration (`30s`, `1m30s`, `500ms`) in milliseconds. */
function durationMs(text: string): number {
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  return total;
}

describe('docker/compose.yaml as an operator runs it (issue 13)', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  const services = compose.services;

  it('lets no client create a topic on Kafka', () => {
    expect(String(services.kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE)).toBe('false');
  });

  it.each(apps)('gives %s a stop_grace_period longer than its SHUTDOWN_TIMEOUT_MS', (app) => {
    const service = services[app];
    const shutdownMs = Number(service.environment?.SHUTDOWN_TIMEOUT_MS ?? loadConfig({}).SHUTDOWN_TIMEOUT_MS);
    expect(service.stop_grace_period).toBeDefined();
    expect(durationMs(String(service.stop_grace_period))).toBeGreaterThan(shutdownMs);
  });

  it.each(apps)('checks the health of %s with /ready, on the port it listens on', (app) => {
    const test = [services[app].healthcheck?.test ?? ''].flat().join(' ');
    expect(test).toContain(`127.0.0.1:${services[app].environment?.PORT ?? 3000}/ready`);
  });

  it('creates every topic with unlimited retention, and sets it on topics that exist already', () => {
    const command = [services['kafka-init']?.command ?? ''].flat().join('\n');
    expect(command).toMatch(/kafka-topics\.sh[^\n]*--create[\s\S]*--config retention\.ms=-1/);
    expect(command).toMatch(/kafka-configs\.sh[\s\S]*--alter[\s\S]*retention\.ms=-1/);
    for (const app of apps) expect(command).toMatch(new RegExp(`\\b${app}\\b`));
  });

  it('uses /ready in the image healthcheck too', () => {
    const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/ready/);
    expect(dockerfile).not.toMatch(/HEALTHCHECK[^\n]*\n[^\n]*\/health\b/);
  });
});
