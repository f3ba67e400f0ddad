import { randomUUID } from 'node:crypto';
import { ManualClock } from '@xingfu/common';
import { createTestDatabase, dropTestDatabase, newTownshipCode, TestApp } from '@xingfu/testing';
import { seedProject, surveyBody } from '../support/intake';
import { startStandalone } from '../support/standalone-app';

/** A small deterministic generator, so a failure names a body that can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const junk = (depth = 0): unknown =>
    pick<() => unknown>([
      () => null,
      () => pick([true, false]),
      () => pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2]),
      () => pick(['', ' ', 'x'.repeat(5000), '2026-02-30', '1;DROP TABLE applications', '\u0000', '张*梅', randomUUID()]),
      () => (depth > 2 ? [] : Array.from({ length: 3 }, () => junk(depth + 1))),
      () => (depth > 2 ? {} : { a: junk(depth + 1), amountFen: junk(depth + 1), __proto__x: 1 }),
    ])();
  return { next, pick, junk };
}

/** Mutates one field of a valid body at some depth, so validation deep inside is reached too. */
function mutate(body: unknown, g: ReturnType<typeof generator>): unknown {
  if (typeof body !== 'object' || body === null) return g.junk();
  const copy: Record<string, unknown> = Array.isArray(body) ? [...body] as never : { ...(body as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || g.next() < 0.2) return g.junk();
  const key = g.pick(keys);
  copy[key] = g.next() < 0.5 ? mutate(copy[key], g) : g.junk();
  return copy;
}

describe('random bad input on every route', () => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('fuzz');
    app = await startStandalone(databaseUrl, { clock: new ManualClock('2026-11-22') });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('never answers 500, and every error has the one shape', async () => {
    const township = newTownshipCode();
    const projectId = await seedProject(app.dataSource, township.slice(0, 6));
    const tokens = [
      await app.tokenFor('officer', { townships: [township] }),
      await app.tokenFor('project_manager', { counties: [township.slice(0, 6)] }),
      await app.tokenFor('foundation'),
      await app.tokenFor('admin'),
    ];
    const survey = surveyBody(projectId, township);
    const created = await app.http().post('/api/v1/applications').set('Authorization', `Bearer ${tokens[0]}`).send(survey).expect(201);
    const ids = [created.body.id, projectId, randomUUID(), 'not-a-uuid'];
    const doc = (await app.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const valid: Record<string, unknown> = {
      '/api/v1/applications': survey,
      '/api/v1/projects': { name: 'p', countyCode: township.slice(0, 6), aidStandard: {}, loanPolicy: {}, creditGrades: [] },
      '/api/v1/applications/{id}/home-visits': { visitedOn: '2026-11-05', findings: 'x', verified: true },
      '/api/v1/applications/{id}/approval': { amountFen: 100000, termMonths: 12, repaymentPlan: { kind: 'bullet' }, disbursementMode: 'cash' },
      '/api/v1/public-notices': { villageCode: `${township}001`, applicationIds: [created.body.id], startDate: '2026-11-22', days: 7 },
      '/api/v1/users': { username: 'someone', password: 'long-enough-password', role: 'officer', townships: [township] },
    };
    const g = generator(20261122);
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        for (let i = 0; i < 12; i++) {
          const url = path.replace(/\{[^}]+\}/g, () => g.pick(ids));
          const body = mutate(valid[path] ?? {}, g);
          const req = app.http()[method as 'get' | 'post' | 'patch'](url).set('Authorization', `Bearer ${g.pick(tokens)}`);
          const res = method === 'get' ? await req.query({ page: g.junk() as string, status: g.junk() as string }) : await req.set('Content-Type', 'application/json').send(JSON.stringify(body));
          const shapeOk = res.status < 400 || (Object.keys(res.body).sort().join() === 'code,details,message' && !JSON.stringify(res.body).includes('    at '));
          if (res.status >= 500 || !shapeOk) failures.push(`${method.toUpperCase()} ${url} ${JSON.stringify(body).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
