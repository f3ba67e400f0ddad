import { IntakeContext } from './intake-context';

/**
 * The field-by-field bad-input harness: per route a valid request that must succeed, then bad
 * ids, query junk, junk headers, and for every field of the body a list of junk values (and the
 * field removed, and an unknown field added), each answered without a 5xx and in the one error
 * shape {code, message, details}, no stack trace. Used by the intake's, the loans' and the
 * partners' bad-input files.
 */

/** Replaces (or, with REMOVE, deletes) the value at `path` in a deep copy of `body`. */
export const REMOVE = Symbol('remove');
export function withValueAt(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(body) ? [...body] : { ...(body as Record<string, unknown>) }) as Record<string, unknown>;
  const [head, ...rest] = path;
  if (rest.length === 0 && value === REMOVE) delete copy[head];
  else copy[head] = withValueAt(copy[head], rest, value);
  return copy;
}

/** Every path into `body`, the body itself ([]) and each object and array included. */
export function pathsOf(body: unknown, prefix: string[] = []): string[][] {
  if (body === null || typeof body !== 'object') return [prefix];
  const keys = Array.isArray(body) ? body.map((_, i) => String(i)) : Object.keys(body);
  return [prefix, ...keys.flatMap((key) => pathsOf((body as Record<string, unknown>)[key], [...prefix, key]))];
}

/** What a careless or hostile client sends instead of a field's value. */
export const JUNK: [string, unknown][] = [
  ['a huge number', 1e308],
  ['a huge negative number', -1e308],
  ['an unsafe integer', Number.MAX_SAFE_INTEGER + 2],
  ['2^31', 2 ** 31],
  ['-1', -1],
  ['a fraction', 1.5],
  ['a string', 'abc'],
  ['an empty string', ''],
  ['a blank string', '   '],
  ['a long string', 'x'.repeat(5000)],
  ['a far date', '9999-12-31'],
  ['an ancient date', '0001-01-01'],
  ['an impossible date', '2026-02-30'],
  ['a past date', '2020-01-01'],
  ['null', null],
  ['true', true],
  ['an array', []],
  ['an object', {}],
  ['a random uuid', '00000000-0000-4000-8000-000000000000'],
  ['a NUL character', 'a\u0000b'],
  ['an unpaired surrogate', '\ud800'],
  ['a value nested 2,400 levels deep', Array.from({ length: 2400 }).reduce<unknown>((inner) => [inner], [])],
  ['nothing (field missing)', REMOVE],
];
export const QUERY_JUNK = ['\u0000', 'a\u0000', '1e308', '-1', '1.5', '', '   ', 'x'.repeat(5000), '9999-12-31', 'null', '[object Object]', '00000000-0000-4000-8000-000000000000'];
export const BAD_IDS = ['not-a-uuid', '1e308', '00000000-0000-4000-8000-000000000000', '%20', '%00', '%ED%A0%80', '00000000-0000-4000-8000-00000000000%00'];
/** Header values HTTP lets a client send (no control or non-Latin-1 characters: Node refuses those before they leave). */
export const HEADER_JUNK = ['', '   ', 'x'.repeat(5000), 'null', '1e308', '00000000-0000-4000-8000-000000000000'];

export type Fixture = { id: string } & Record<string, string>;
/** Who sends the route's requests: one of the context's users, an admin, or a token made for the case. */
export type Sender = 'officer' | 'manager' | 'foundation' | 'admin' | (() => Promise<string>);

export interface RouteCase {
  /** `METHOD /path` as the Swagger document names it. */
  route: string;
  as: Sender;
  /** The record the route acts on (its :id) and what the body needs; made again after every success (unless keepsFixture). */
  fixture?: () => Promise<Fixture>;
  body?: (f: Fixture) => object;
  query?: (f: Fixture) => Record<string, string>;
  /** Headers the route needs, made anew for every request (an Idempotency-Key); each is also left out and sent as junk. */
  headers?: () => Record<string, string>;
  /** The business date to send on, when the route needs another than today. */
  on?: (f: Fixture) => string;
  /** The status of the valid request (default 201 for a POST, 200 otherwise). */
  status?: number;
  /** A success leaves the record usable for the next request (a reading, a small repayment, a setting): no new fixture after it. */
  keepsFixture?: boolean;
}

export interface FieldByFieldOptions {
  today: string;
  /** The document's paths this file must have a case for, every method of each. */
  documented: RegExp;
}

type DocPaths = { paths: Record<string, Record<string, unknown>> };
type Method = 'get' | 'post' | 'patch' | 'put';

/**
 * Registers, in the calling describe, the test that `routes` cover exactly the routes of the API
 * document matching `documented`, and one test per route. Read the context only inside the
 * fixtures and bodies (they run in the tests, after its beforeAll).
 */
export function describeFieldByField(title: string, ctx: IntakeContext, routes: RouteCase[], { today, documented }: FieldByFieldOptions): void {
  let admin: Promise<string> | undefined;
  const tokenOf = (who: Sender): Promise<string> =>
    typeof who === 'function' ? who() : who === 'admin' ? (admin ??= ctx.app.tokenFor('admin')) : Promise.resolve(ctx[who]);

  it(`has a case for every ${title} route in the API document`, async () => {
    const doc = (await ctx.app.http().get('/docs-json').expect(200)).body as DocPaths;
    const paths = Object.entries(doc.paths)
      .filter(([path]) => documented.test(path))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.map((r) => r.route).sort()).toEqual(paths.sort());
  });

  it.each(routes.map((r) => [r.route, r] as const))('%s', async (_route, c) => {
    const [method, template] = c.route.split(' ');
    const token = await tokenOf(c.as);
    const failures: string[] = [];
    let fixture: Fixture | undefined;
    const fresh = async (): Promise<Fixture> => {
      if (!fixture) {
        ctx.clock.set(today);
        fixture = c.fixture ? await c.fixture() : { id: '' };
      }
      return fixture;
    };
    const send = async (label: string, body: unknown, options: { id?: string; query?: Record<string, string>; headers?: Record<string, string> } = {}) => {
      const f = await fresh();
      ctx.clock.set(c.on ? c.on(f) : today);
      const url = template.replace('{id}', options.id ?? f.id);
      let req = ctx.app.http()[method.toLowerCase() as Method](url).set('Authorization', `Bearer ${token}`);
      for (const [name, value] of Object.entries(options.headers ?? c.headers?.() ?? {})) req = req.set(name, value);
      const res = method === 'GET' ? await req.query(options.query ?? {}) : await req.set('Content-Type', 'application/json').send(JSON.stringify(body ?? {}));
      const error = res.status >= 400;
      const shapeOk =
        !error ||
        (Object.keys(res.body).sort().join() === 'code,details,message' &&
          typeof res.body.code === 'string' &&
          typeof res.body.message === 'string' &&
          typeof res.body.details === 'object' &&
          !/\n\s+at /.test(JSON.stringify(res.body)));
      if (res.status >= 500 || !shapeOk) failures.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      // A success used the record up (it moved on, or the name is taken): the next request gets a new one.
      if (!error && !c.keepsFixture) fixture = undefined;
      return res;
    };

    // The base request is valid and succeeds, so every mutation below reaches as deep as it can.
    const base = await fresh();
    const valid = c.body?.(base);
    const ok = await send('the valid request', valid, { query: c.query?.(base) });
    const expected = c.status ?? (method === 'POST' ? 201 : 200);
    expect({ route: c.route, status: ok.status, body: ok.status < 300 ? 'ok' : ok.body }).toEqual({ route: c.route, status: expected, body: 'ok' });

    if (template.includes('{id}')) for (const id of BAD_IDS) await send(`id ${id}`, c.body?.(await fresh()), { id, query: c.query?.(await fresh()) });
    for (const name of Object.keys(c.headers?.() ?? {})) {
      const others = (): Record<string, string> => Object.fromEntries(Object.entries(c.headers!()).filter(([n]) => n !== name));
      await send(`without the ${name} header`, c.body?.(await fresh()), { headers: others(), query: c.query?.(await fresh()) });
      for (const junk of HEADER_JUNK) await send(`${name}: ${junk.slice(0, 20)}`, c.body?.(await fresh()), { headers: { ...others(), [name]: junk }, query: c.query?.(await fresh()) });
    }
    if (method === 'GET') {
      const query = c.query?.(await fresh()) ?? {};
      for (const key of [...Object.keys(query), 'unknownParam']) {
        for (const junk of QUERY_JUNK) await send(`query ${key}=${junk.slice(0, 20)}`, undefined, { query: { ...query, [key]: junk } });
      }
      expect(failures).toEqual([]);
      return;
    }
    const shape = c.body?.(await fresh()) ?? {};
    for (const path of pathsOf(shape)) {
      for (const [what, junk] of JUNK) {
        if (path.length === 0 && junk === REMOVE) continue;
        await send(`${path.join('.') || 'the body'} = ${what}`, withValueAt(c.body?.(await fresh()) ?? {}, path, junk));
      }
      const node = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], shape);
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        const body = c.body?.(await fresh()) ?? {};
        const target = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], body);
        await send(`${path.join('.') || 'the body'} + an unknown field`, withValueAt(body, path, { ...(target as object), unknownField: 1 }));
      }
    }
    expect(failures).toEqual([]);
  });
}
