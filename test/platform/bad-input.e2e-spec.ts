import { randomUUID } from 'node:crypto';
import { addDays } from '@xingfu/common';
import { MULING_POLICY, PLAIN_APPROVAL, seedProject, surveyBody } from '../support/intake';
import { describeFieldByField, RouteCase } from '../support/field-by-field';
import { useIntakeContext } from '../support/intake-context';

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
  const ctx = useIntakeContext({ label: 'fuzz' });

  it('never answers 500, and every error has the one shape', async () => {
    const { township, projectId } = ctx;
    const tokens = [ctx.officer, ctx.manager, ctx.foundation, await ctx.app.tokenFor('admin')];
    const survey = surveyBody(projectId, township);
    const created = await ctx.app.http().post('/api/v1/applications').set('Authorization', `Bearer ${tokens[0]}`).send(survey).expect(201);
    const ids = [created.body.id, projectId, randomUUID(), 'not-a-uuid'];
    const doc = (await ctx.app.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
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
          const req = ctx.app.http()[method as 'get' | 'post' | 'patch'](url).set('Authorization', `Bearer ${g.pick(tokens)}`);
          const res = method === 'get' ? await req.query({ page: g.junk() as string, status: g.junk() as string }) : await req.set('Content-Type', 'application/json').send(JSON.stringify(body));
          const shapeOk = res.status < 400 || (Object.keys(res.body).sort().join() === 'code,details,message' && !JSON.stringify(res.body).includes('    at '));
          if (res.status >= 500 || !shapeOk) failures.push(`${method.toUpperCase()} ${url} ${JSON.stringify(body).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers deep JSON, NUL characters and unpaired surrogates with 400 in the error shape on every documented route, in body, query and path', async () => {
    const doc = (await ctx.app.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const token = await ctx.app.tokenFor('admin');
    const uuid = randomUUID();
    const cases: { label: string; path: (template: string) => string; body?: string }[] = [
      { label: 'a body 2,400 levels deep', path: (t) => t.replace(/\{[^}]+\}/g, uuid), body: '['.repeat(2400) + ']'.repeat(2400) },
      { label: 'a field nested 2,400 levels deep', path: (t) => t.replace(/\{[^}]+\}/g, uuid), body: `{"name":${'{"a":'.repeat(2400)}1${'}'.repeat(2400)}}` },
      { label: 'a NUL in a body field', path: (t) => t.replace(/\{[^}]+\}/g, uuid), body: JSON.stringify({ name: 'a\u0000b', reason: '\u0000' }) },
      { label: 'a NUL in a body key', path: (t) => t.replace(/\{[^}]+\}/g, uuid), body: JSON.stringify({ ['na\u0000me']: 'x' }) },
      { label: 'an unpaired surrogate in a body field', path: (t) => t.replace(/\{[^}]+\}/g, uuid), body: JSON.stringify({ name: '\ud800', note: 'x\udfff' }) },
      { label: 'a NUL in the query', path: (t) => `${t.replace(/\{[^}]+\}/g, uuid)}?industry=%00&page=1` },
      { label: 'a NUL in a query key', path: (t) => `${t.replace(/\{[^}]+\}/g, uuid)}?%00=1` },
    ];
    const failures: string[] = [];
    const operations = Object.entries(doc.paths).flatMap(([template, methods]) => Object.keys(methods).map((method) => ({ template, method })));
    for (const { template, method } of operations) {
      const variants = [...cases];
      if (template.includes('{')) {
        variants.push({ label: 'a NUL in the path', path: (t) => t.replace(/\{[^}]+\}/g, '%00') });
        variants.push({ label: 'an unpaired surrogate in the path', path: (t) => t.replace(/\{[^}]+\}/g, '%ED%A0%80') });
        variants.push({ label: 'a NUL inside an id', path: (t) => t.replace(/\{[^}]+\}/g, `${uuid.slice(0, 8)}%00${uuid.slice(8)}`) });
      }
      for (const c of variants) {
        for (const bearer of [token, undefined]) {
          let req = ctx.app.http()[method as 'get' | 'post' | 'patch'](c.path(template));
          if (bearer) req = req.set('Authorization', `Bearer ${bearer}`);
          const res = c.body ? await req.set('Content-Type', 'application/json').send(c.body) : await req;
          const shapeOk = Object.keys(res.body ?? {}).sort().join() === 'code,details,message' && !/\n\s+at /.test(JSON.stringify(res.body));
          if (res.status !== 400 || !shapeOk) failures.push(`${method.toUpperCase()} ${template} ${c.label}${bearer ? '' : ' (no token)'} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(operations.length).toBeGreaterThan(25);
    expect(failures).toEqual([]);
  });
});

describe('every applications route, field by field: never a 5xx, always the one error shape', () => {
  const today = '2026-11-22';
  const ctx = useIntakeContext({ label: 'badinput', today });
  const { county, township } = ctx;

  const submitted = async () => ({ id: (await ctx.build.submitted()).id });
  const application = (step: () => Promise<string | { id: string }>) => async () => {
    const made = await step();
    return { id: typeof made === 'string' ? made : made.id };
  };
  const openNotice = async () => {
    const { id, noticeId } = await ctx.build.inNotice();
    return { id: noticeId, applicationId: id };
  };
  const ROUTES: RouteCase[] = [
    { route: 'POST /api/v1/projects', as: 'foundation', body: () => ({ name: '穆棱市幸福工程', countyCode: county, ...MULING_POLICY }) },
    { route: 'GET /api/v1/projects', as: 'officer' },
    { route: 'GET /api/v1/projects/{id}', as: 'officer', fixture: async () => ({ id: ctx.build.projectId }) },
    {
      route: 'PATCH /api/v1/projects/{id}',
      as: 'manager',
      fixture: async () => ({ id: await seedProject(ctx.app.dataSource, county) }),
      body: () => ({ name: '新名', creditWeights: { honesty: 60, labour: 30, income: 10 }, publicNoticeDays: 8, loanPolicy: { ...MULING_POLICY.loanPolicy, maxTermMonths: 24 } }),
    },
    { route: 'POST /api/v1/applications', as: 'officer', body: () => ctx.build.survey() },
    {
      route: 'GET /api/v1/applications',
      as: 'officer',
      query: () => ({ status: 'submitted', townshipCode: township, villageCode: `${township}101`, projectId: ctx.build.projectId, industry: 'pig_raising', page: '1', pageSize: '10' }),
    },
    { route: 'GET /api/v1/applications/{id}', as: 'officer', fixture: submitted },
    { route: 'POST /api/v1/applications/{id}/home-visits', as: 'officer', fixture: submitted, body: () => ({ visitedOn: today, findings: '属实', verified: true }) },
    {
      route: 'POST /api/v1/applications/{id}/screening',
      as: 'officer',
      fixture: application(async () => {
        const { id } = await ctx.build.submitted();
        await ctx.as(ctx.officer).post(`/applications/${id}/home-visits`, { visitedOn: today, findings: '属实', verified: true });
        return id;
      }),
    },
    {
      route: 'POST /api/v1/public-notices',
      as: 'officer',
      fixture: async () => {
        const { id, villageCode } = await ctx.build.eligible();
        return { id, villageCode };
      },
      body: (f) => ({ villageCode: f.villageCode, applicationIds: [f.id], startDate: today, days: 7 }),
    },
    { route: 'GET /api/v1/public-notices/{id}', as: 'officer', fixture: openNotice },
    {
      route: 'POST /api/v1/public-notices/{id}/close',
      as: 'officer',
      fixture: async () => {
        const { noticeId, endDate } = await ctx.build.inNotice();
        return { id: noticeId, endDate };
      },
      // The day after the notice's end, when a close may go through.
      on: (f) => addDays(f.endDate, 1),
    },
    { route: 'POST /api/v1/public-notices/{id}/objections', as: 'officer', fixture: openNotice, body: (f) => ({ applicationId: f.applicationId, objector: '村民', reason: '不属实' }) },
    {
      route: 'POST /api/v1/objections/{id}/resolution',
      as: 'officer',
      fixture: async () => {
        const { id, noticeId } = await ctx.build.inNotice();
        const objection = await ctx.as(ctx.officer).post(`/public-notices/${noticeId}/objections`, { applicationId: id, reason: '不属实' });
        return { id: objection.body.id };
      },
      body: () => ({ outcome: 'dismissed', note: '经核实不属实' }),
    },
    {
      route: 'POST /api/v1/applications/{id}/credit-assessment',
      as: 'officer',
      fixture: application(() => ctx.build.noticePassed()),
      body: () => ({ components: { honesty: 90, labour: 80, income: 50 }, evidence: '村民会议评议' }),
    },
    {
      route: 'POST /api/v1/applications/{id}/approval',
      as: 'manager',
      fixture: application(() => ctx.build.creditAssessed()),
      body: () => ({ ...PLAIN_APPROVAL, repaymentPlan: { kind: 'custom', instalments: [{ dueDate: '2027-06-30', amountFen: 100000 }, { dueDate: '2027-10-31', amountFen: 200000 }] } }),
    },
    { route: 'POST /api/v1/applications/{id}/rejection', as: 'officer', fixture: submitted, body: () => ({ reason: '入户核实不符' }) },
    { route: 'POST /api/v1/applications/{id}/withdrawal', as: 'officer', fixture: submitted, body: () => ({ reason: '外出务工' }) },
    {
      route: 'POST /api/v1/applications/{id}/follow-ups',
      as: 'officer',
      fixture: application(() => ctx.build.approved()),
      body: () => ({ visitedOn: today, productionStatus: '生产正常', incomeEstimateFen: 1000000, problems: '饲料涨价', helpGiven: '技术指导' }),
    },
  ];

  describeFieldByField('intake', ctx, ROUTES, {
    today,
    // A project's fund and loan settings are the loans service's routes (test/loans/bad-input.e2e-spec.ts).
    documented: /^\/api\/v1\/(projects(?!\/\{id\}\/(fund|loan-settings))|applications|public-notices|objections)/,
  });
});
