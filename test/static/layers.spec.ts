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

/** Every module a file reaches, following relative and @xingfu imports (packages are leaves). */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const resolveFile = (from: string, spec: string): string | undefined => {
    const base = spec.startsWith('.') ? join(from, '..', spec) : spec.startsWith('@xingfu/') ? join(ROOT, 'libs', spec.split('/')[1], 'src') : undefined;
    if (!base) return undefined;
    for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        /* try the next */
      }
    }
    return undefined;
  };
  const visit = (file: string) => {
    for (const spec of [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'([^']+)'/g)].map((m) => m[1])) {
      const target = resolveFile(file, spec);
      if (!target) {
        if (!seen.has(spec)) seen.set(spec, relative(ROOT, file));
        continue;
      }
      if (seen.has(target)) continue;
      seen.set(target, relative(ROOT, file));
      visit(target);
    }
  };
  visit(entry);
  return seen;
}

describe('the framework-free kernel', () => {
  const FRAMEWORK = /^(@nestjs|typeorm|kafkajs|bullmq|ioredis|pg|class-validator|class-transformer|nestjs-pino|pino|@xingfu\/(?!kernel))/;
  const frameworkReached = (file: string) =>
    [...reachable(file)].filter(([target]) => FRAMEWORK.test(target) || (target.startsWith(ROOT) && !target.startsWith(join(ROOT, 'libs', 'kernel')) && !target.includes('/domain/')));

  it('libs/kernel reaches no framework, transitively', () => {
    expect(frameworkReached(join(ROOT, 'libs', 'kernel', 'src', 'index.ts'))).toEqual([]);
  });

  it('every domain/ file reaches only the kernel and domain files, transitively', () => {
    const domainFiles = sources(join(ROOT, 'apps')).filter((f) => f.includes('/domain/') && !f.endsWith('.spec.ts'));
    expect(domainFiles.length).toBeGreaterThan(10);
    const offenders = domainFiles.flatMap((file) => frameworkReached(file).map(([target, via]) => `${relative(ROOT, file)} → ${relative(ROOT, target) || target} (via ${via})`));
    expect(offenders).toEqual([]);
  });

  it('the check sees a framework import through a barrel', () => {
    // @xingfu/common's barrel pulls in nestjs-pino: a file importing it must be caught.
    const viaCommon = [...reachable(join(ROOT, 'libs', 'common', 'src', 'index.ts'))].map(([t]) => t);
    expect(viaCommon).toContain('nestjs-pino');
  });
});
