import { Request, Response } from 'express';
import { limitJsonDepth, MAX_JSON_DEPTH, rejectUnstorableStrings } from './input-guard';

const depthOf = (text: string) => {
  try {
    limitJsonDepth(undefined, undefined, Buffer.from(text));
    return 'ok';
  } catch (error) {
    return (error as { type?: string }).type;
  }
};

function check(req: Partial<Request>): { status?: number; body?: { details: Record<string, string[]> }; passed: boolean } {
  const out: { status?: number; body?: { details: Record<string, string[]> }; passed: boolean } = { passed: false };
  const res = { status: (s: number) => ((out.status = s), res), json: (b: never) => ((out.body = b), res) } as unknown as Response;
  rejectUnstorableStrings({ path: '/', query: {}, body: undefined, ...req } as Request, res, () => (out.passed = true));
  return out;
}

describe('input guard', () => {
  it('lets JSON as deep as the limit through and refuses one level more', () => {
    expect(depthOf('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe('ok');
    expect(depthOf('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe('entity.too.deep');
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(depthOf(JSON.stringify({ a: '['.repeat(100), b: '\\"{{{{' + '{'.repeat(100) }))).toBe('ok');
  });

  it('refuses a NUL or an unpaired surrogate in a body value or key, naming where', () => {
    expect(check({ body: { mother: { name: 'a\u0000' } } })).toMatchObject({ status: 400, body: { details: { 'body.mother.name': [expect.any(String)] } } });
    expect(check({ body: { ['k\ud800']: 1 } }).status).toBe(400);
    expect(check({ body: ['ok', '\udc00'] }).status).toBe(400);
  });

  it('refuses them in the query and in the path', () => {
    expect(check({ query: { industry: '\u0000' } }).body?.details).toHaveProperty(['query.industry']);
    expect(check({ path: '/api/v1/applications/%00' }).body?.details).toHaveProperty(['path']);
    expect(check({ path: '/api/v1/applications/%E0%A4%A' }).status).toBe(400);
  });

  it('lets Chinese text, emoji (a surrogate pair) and plain values through', () => {
    expect(check({ path: '/api/v1/applications/%E5%BC%A0', query: { q: '张🐖梅' }, body: { n: 1, ok: true, v: null, s: '王秀英 🐖' } }).passed).toBe(true);
  });
});
