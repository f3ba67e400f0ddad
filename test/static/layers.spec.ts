import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
}

describe('layering', () => {
  const apps = readdirSync(join(ROOT, 'apps'));

  it.each(apps.filter((a) => a !== 'standalone'))('apps/%s imports no other app', (app) => {
    for (const file of sources(join(ROOT, 'apps', app))) {
      for (const target of importsOf(file).filter((i) => i.startsWith('.'))) {
        const resolved = relative(ROOT, join(file, '..', target));
        expect(resolved.startsWith(`apps/${app}/`) || !resolved.startsWith('apps/')).toBe(true);
      }
    }
  });

  it('standalone takes only each app’s module and database descriptor', () => {
    for (const file of sources(join(ROOT, 'apps', 'standalone'))) {
      for (const target of importsOf(file).filter((i) => i.startsWith('../../'))) {
        expect(target).toMatch(/^\.\.\/\.\.\/[a-z]+\/src\/[a-z]+\.(module|database)$/);
      }
    }
  });

  it('libs never import apps', () => {
    for (const file of sources(join(ROOT, 'libs'))) {
      for (const target of importsOf(file)) expect(relative(ROOT, join(file, '..', target)).startsWith('apps/')).toBe(false);
    }
  });

  it('domain folders import no framework', () => {
    const domainFiles = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))].filter((f) => f.includes('/domain/'));
    for (const file of domainFiles) {
      for (const target of importsOf(file)) expect(target).not.toMatch(/^(@nestjs|typeorm|kafkajs|bullmq|ioredis|pg)/);
    }
  });
});
