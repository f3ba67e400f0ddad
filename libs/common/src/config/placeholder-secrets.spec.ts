import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const ROOT = join(__dirname, '..', '..', '..', '..');
const GOOD = { JWT_SECRET: 'f3a9c1d27b4e8065a1c9d3e7b2f40586', PII_ENCRYPTION_KEY: '7d2c91e04ab35f6890c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d' };

function problemsOf(env: NodeJS.ProcessEnv): { variable: string; message: string }[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

/** The VAR=value lines of docker/.env.example. */
function example(): Record<string, string> {
  const text = readFileSync(join(ROOT, 'docker', '.env.example'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^(\w+)=(.*)$/gm)].map((m) => [m[1], m[2].trim()]));
}

describe('secrets at start-up', () => {
  it('accepts real-looking secrets, and the ones the tests use', () => {
    expect(problemsOf(GOOD)).toEqual([]);
    expect(problemsOf({ JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789', PII_ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' })).toEqual([]);
  });

  it.each(['JWT_SECRET', 'PII_ENCRYPTION_KEY', 'ADMIN_PASSWORD'])('refuses the value of %s in docker/.env.example, naming the variable', (variable) => {
    const value = example()[variable];
    expect(value).toBeTruthy();
    const problems = problemsOf({ ...GOOD, [variable]: value });
    expect(problems.map((p) => p.variable)).toEqual([variable]);
    expect(problems[0].message).toMatch(new RegExp(`^${variable} `));
  });

  it('refuses an unedited copy of docker/.env.example as a whole, naming every secret', () => {
    const { JWT_SECRET, PII_ENCRYPTION_KEY, ADMIN_PASSWORD } = example();
    expect(problemsOf({ JWT_SECRET, PII_ENCRYPTION_KEY, ADMIN_PASSWORD }).map((p) => p.variable).sort()).toEqual(['ADMIN_PASSWORD', 'JWT_SECRET', 'PII_ENCRYPTION_KEY']);
  });

  it('refuses a JWT_SECRET that is too short', () => {
    expect(problemsOf({ ...GOOD, JWT_SECRET: 'f3a9c1d27b4e8065' })).toEqual([{ variable: 'JWT_SECRET', message: expect.stringContaining('at least 32 characters') }]);
  });

  it.each([
    ['PII_ENCRYPTION_KEY', '0'.repeat(64)],
    ['PII_ENCRYPTION_KEY', 'ff'.repeat(32)],
    ['PII_ENCRYPTION_KEY', 'ABab'.repeat(16)],
    ['JWT_SECRET', 'x'.repeat(40)],
    ['JWT_SECRET', 'please-change-me-before-production-00000'],
  ])('refuses %s=%s (one repeated byte or character, or a placeholder), naming the variable', (variable, value) => {
    const problems = problemsOf({ ...GOOD, [variable]: value });
    expect(problems.map((p) => p.variable)).toEqual([variable]);
    expect(problems[0].message).toMatch(/repeated|placeholder|example/);
  });

  it('refuses a placeholder METRICS_TOKEN', () => {
    expect(problemsOf({ ...GOOD, METRICS_TOKEN: 'change-me-metrics-token' }).map((p) => p.variable)).toEqual(['METRICS_TOKEN']);
  });
});
