import 'reflect-metadata';
import { createTestDatabase, dropTestDatabase, eventually, metric, metricIn, newResidentId, newTownshipCode, TestApp } from '@xingfu/testing';
import { seedProject, SurveyOverrides, surveyBody } from '../support/intake';
import { startStandalone } from '../support/standalone-app';

const ERROR_KEYS = ['code', 'details', 'message'];
const METRICS_TOKEN = 'metrics-token-for-the-scraper';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The error body every route answers with: exactly {code, message, details}, nothing that leaks internals. */
function expectErrorShape(body: unknown, code: string): void {
  expect(body).toEqual({ code, message: expect.any(String), details: expect.any(Object) });
  expect(Object.keys(body as object).sort()).toEqual(ERROR_KEYS);
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/stack/i);
  expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  expect(text).not.toMatch(/node_modules|\.ts:\d+/);
}


/** HTTP conventions every service shares: error bodies, probes, metrics, docs and correlation ids. */
describe('HTTP conventions (standalone, in-process delivery)', () => {
  let databaseUrl: string;
  let app: TestApp;
  let officer: string;
  let projectId: string;
  const township = newTownshipCode();

  const application = (overrides: SurveyOverrides = {}) => surveyBody(projectId, township, { villageCode: `${township}201`, ...overrides });
  const submit = () => app.http().post('/api/v1/applications').set('Authorization', `Bearer ${officer}`);

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('platformhttp');
    app = await startStandalone(databaseUrl, { env: { METRICS_TOKEN } });
    officer = await app.tokenFor('officer', { townships: [township] });
    projectId = await seedProject(app.dataSource, township.slice(0, 6));
  });

  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  describe('errors', () => {
    it('answers a malformed JSON body with 400 invalid_json and no stack trace', async () => {
      const res = await app
        .http()
        .post('/api/v1/auth/token')
        .set('Content-Type', 'application/json')
        .send('{"username": "admin", "password": ')
        .expect(400);
      expectErrorShape(res.body, 'invalid_json');
      expect(res.body.details).toEqual({});
      expect(res.text).not.toMatch(/\n\s*at /);
      expect(res.headers['content-type']).toMatch(/application\/json/);
    });

    it('answers a resident ID with a bad check digit with 400 naming idNumber', async () => {
      const valid = newResidentId(township.slice(0, 6));
      const last = valid[17];
      const wrongCheck = valid.slice(0, 17) + (last === '0' ? '1' : '0');
      const res = await submit().send(application({ idNumber: wrongCheck })).expect(400);
      expectErrorShape(res.body, 'validation_failed');
      expect(res.body.details).toEqual({ 'mother.idNumber': [expect.stringMatching(/check digit/)] });
      // The number itself never echoes back (it is personal data).
      expect(res.text).not.toContain(wrongCheck);
      const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM applications.applications WHERE township_code = $1', [township]);
      expect(n).toBe(0);
    });

    it('answers a route that does not exist with 404 in the same shape', async () => {
      const res = await app.http().get('/api/v1/no-such-route').expect(404);
      expectErrorShape(res.body, 'not_found');
      const post = await app.http().post('/no/such/thing').send({}).expect(404);
      expectErrorShape(post.body, 'not_found');
    });

    it('gives every error exactly the keys code, message and details', async () => {
      const cases: { res: Promise<{ status: number; body: unknown }>; status: number; code: string }[] = [
        { res: app.http().get('/api/v1/users/me'), status: 401, code: 'unauthorized' },
        { res: app.http().post('/api/v1/users').set('Authorization', `Bearer ${officer}`).send({}), status: 403, code: 'forbidden' },
        { res: submit().send({ ...application(), unexpected: true }), status: 400, code: 'validation_failed' },
        { res: submit().send(application({ villageCode: '12345' })), status: 400, code: 'validation_failed' },
        { res: app.http().post('/api/v1/auth/token').send({ username: 'x', password: 'wrong-password' }), status: 401, code: 'invalid_credentials' },
        { res: app.http().delete('/api/v1/auth/token'), status: 404, code: 'not_found' },
      ];
      for (const c of cases) {
        const res = await c.res;
        expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status: c.status, code: c.code });
        expectErrorShape(res.body, c.code);
      }
    });
  });

  describe('operations endpoints', () => {
    it('answers /health without a token', async () => {
      const res = await app.http().get('/health').expect(200);
      expect(res.body.status).toBe('ok');
    });

    it('reports database and redis up on /ready to an admin (and no kafka when delivering in-process)', async () => {
      const res = await app.http().get('/ready').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).expect(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.info).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
    });

    it('says only up or down on /ready without an admin token', async () => {
      for (const token of [undefined, officer, 'forged.token.here']) {
        const req = app.http().get('/ready');
        const res = await (token ? req.set('Authorization', `Bearer ${token}`) : req).expect(200);
        expect(res.body).toEqual({ status: 'ok' });
      }
    });

    it('answers /metrics only with METRICS_TOKEN or an admin token', async () => {
      for (const token of [undefined, officer, 'not-the-metrics-token-at-all']) {
        const req = app.http().get('/metrics');
        const res = await (token ? req.set('Authorization', `Bearer ${token}`) : req).expect(401);
        expectErrorShape(res.body, 'unauthorized');
        expect(res.text).not.toContain('nodejs_version_info');
      }
      const scraper = await app.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(scraper.text).toContain('nodejs_version_info');
      await app.http().get('/metrics').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).expect(200);
    });

    it('exposes xingfu_outbox_published_total on /metrics, counting a delivered application', async () => {
      const before = await metric(app, 'xingfu_outbox_published_total', { service: 'applications' });
      const created = await submit().send(application()).expect(201);
      await eventually(async () => {
        const [row] = await app.dataSource.query('SELECT status FROM applications.outbox WHERE key = $1', [created.body.id]);
        expect(row.status).toBe('published');
      });
      const res = await app.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toContain('# TYPE xingfu_outbox_published_total counter');
      expect(metricIn(res.text, 'xingfu_outbox_published_total', { service: 'applications' })).toBeGreaterThanOrEqual(before + 1);
    });

    it('serves Swagger UI on /docs and the OpenAPI document on /docs-json', async () => {
      const ui = await app.http().get('/docs').redirects(2).expect(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
      expect(ui.text).toMatch(/swagger-ui/i);
      const doc = await app.http().get('/docs-json').expect(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/api/v1/applications', '/api/v1/auth/token', '/api/v1/users', '/api/v1/reports/applications-by-township']),
      );
      expect(doc.body.components.securitySchemes).toHaveProperty('bearer');
    });

    it('documents, on every route, its body and the errors its guards and validation can give, in the one error shape', async () => {
      type Operation = {
        summary?: string;
        security?: unknown[];
        requestBody?: { content: Record<string, { schema: { $ref: string } }> };
        parameters?: { in: string }[];
        responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
        'x-roles'?: string[];
      };
      const doc = (await app.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: object }> } };
      const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
      expect(operations.length).toBeGreaterThan(25);
      const publicRoutes = operations.filter(({ op }) => op.security?.length === 0).map(({ route }) => route);
      expect(publicRoutes.sort()).toEqual(['GET /health', 'GET /ready', 'POST /api/v1/auth/token']);
      expect(doc.components.schemas.ApiError.properties).toEqual(expect.objectContaining({ code: expect.anything(), message: expect.anything(), details: expect.anything() }));

      for (const { route, op } of operations) {
        const codes = Object.keys(op.responses);
        const expected: Record<string, boolean> = { summary: !!op.summary };
        if (!publicRoutes.includes(route)) expected['401'] = codes.includes('401');
        if (op['x-roles']) expected['403'] = codes.includes('403');
        if (/\{\w+\}/.test(route)) expected['404'] = codes.includes('404');
        if (op.requestBody) {
          expected['400'] = codes.includes('400');
          const body = op.requestBody.content['application/json'].schema.$ref.split('/').pop() as string;
          expected['body has fields'] = Object.keys(doc.components.schemas[body]?.properties ?? {}).length > 0;
        }
        for (const code of codes.filter((c) => c.startsWith('4'))) {
          expected[`${code} in the error shape`] = op.responses[code].content?.['application/json']?.schema.$ref === '#/components/schemas/ApiError';
        }
        expect({ route, ...expected }).toEqual({ route, ...Object.fromEntries(Object.keys(expected).map((k) => [k, true])) });
      }
    });
  });

  describe('correlation ids', () => {
    async function correlationOf(applicationId: string): Promise<string> {
      const [row] = await app.dataSource.query(`SELECT headers->>'correlationId' AS "correlationId" FROM applications.outbox WHERE key = $1`, [applicationId]);
      return row.correlationId;
    }

    it("echoes a caller's x-correlation-id and carries it into the event's outbox headers", async () => {
      const res = await submit().set('x-correlation-id', 'corr-test-123').send(application()).expect(201);
      expect(res.headers['x-correlation-id']).toBe('corr-test-123');
      expect(await correlationOf(res.body.id)).toBe('corr-test-123');
    });

    it('replaces an unsafe correlation id with a generated uuid, used for the event too', async () => {
      // Node's HTTP client refuses a raw newline in a header, so the unsafe characters here are
      // spaces, a semicolon and a quote; an over-long id is refused the same way.
      for (const unsafe of ['bad id\t; drop "table"', 'x'.repeat(101)]) {
        const res = await submit().set('x-correlation-id', unsafe).send(application()).expect(201);
        const echoed = res.headers['x-correlation-id'];
        expect(echoed).toMatch(UUID);
        expect(await correlationOf(res.body.id)).toBe(echoed);
      }
    });

    it('generates one when the caller sends none, also on errors', async () => {
      const res = await app.http().get('/api/v1/no-such-route').expect(404);
      expect(res.headers['x-correlation-id']).toMatch(UUID);
      const other = await app.http().get('/api/v1/no-such-route').expect(404);
      expect(other.headers['x-correlation-id']).not.toBe(res.headers['x-correlation-id']);
    });
  });
});

describe('HTTP conventions (standalone over Kafka)', () => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('platformhttpkafka');
    app = await startStandalone(databaseUrl, { kafka: true, env: { DOCS_ENABLED: 'false' } });
  });

  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('reports kafka up on /ready alongside database and redis', async () => {
    const res = await app.http().get('/ready').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).expect(200);
    expect(res.body.info).toEqual({ database: { status: 'up' }, redis: { status: 'up' }, kafka: { status: 'up' } });
  });

  it('serves no Swagger with DOCS_ENABLED=false', async () => {
    for (const path of ['/docs', '/docs-json']) {
      const res = await app.http().get(path).expect(404);
      expectErrorShape(res.body, 'not_found');
    }
  });
});
