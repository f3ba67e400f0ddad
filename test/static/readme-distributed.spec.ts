import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** What an operator running the apps apart had to find in the code (issue 13): the README says it. */
describe('README: running it distributed', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Running it distributed'), readme.indexOf('\n## ', readme.indexOf('## Running it distributed') + 3));

  it.each(['PORT', 'REDIS_URL', 'DATABASE_URL', 'KAFKA_BROKERS', 'JWT_SECRET', 'PII_ENCRYPTION_KEY', 'KAFKA_BATCH_PUBLISH', 'retention.ms=-1'])('mentions %s', (word) => {
    expect(section).toContain(word);
  });

  it('says every app needs the same secrets, and that topics must exist', () => {
    expect(section).toMatch(/\*\*same\*\* `JWT_SECRET` and `PII_ENCRYPTION_KEY`/);
    expect(section).toMatch(/with the topics already there/);
  });

  it('has a block that starts the test broker, then identity, applications and reporting on their own ports', () => {
    const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(block).toContain('node_modules/@go-mokapi/linux-x64/bin/mokapi');
    const ports = ['identity', 'applications', 'reporting'].map((app) => new RegExp(`PORT=(\\d+)[^\\n]*npm run start:${app}`).exec(block)?.[1]);
    expect(ports.every(Boolean)).toBe(true);
    expect(new Set(ports).size).toBe(3);
  });

  it('lists KAFKA_BATCH_PUBLISH under Configuration', () => {
    const configuration = readme.slice(readme.indexOf('## Configuration'));
    expect(configuration.slice(0, configuration.indexOf('\n## ', 5))).toContain('KAFKA_BATCH_PUBLISH');
  });
});
