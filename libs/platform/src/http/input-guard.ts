import { NextFunction, Request, Response } from 'express';

/** Deeper than any body a route takes (a survey is 4 levels), far below what overflows a stack. */
export const MAX_JSON_DEPTH = 32;

/** NUL (PostgreSQL text cannot hold it) or a UTF-16 half without its other half (jsonb refuses it). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * body-parser's `verify` hook: scans the raw JSON before it is parsed and refuses nesting
 * deeper than MAX_JSON_DEPTH, so the validation pipe never recurses through thousands of levels.
 */
export function limitJsonDepth(_req: unknown, _res: unknown, buffer: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i++) {
    const byte = buffer[i];
    if (inString) {
      if (byte === 0x5c) i++; // a backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw Object.assign(new Error('too deep'), { status: 400, type: 'entity.too.deep' });
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
}

/**
 * One check of every string a request carries (path, query and body, keys included) before
 * any route sees it: a NUL byte or an unpaired surrogate is a 400 here, never a 500 from the
 * database later.
 */
export function rejectUnstorableStrings(req: Request, res: Response, next: NextFunction): void {
  const found = unstorableIn(req);
  if (!found) return next();
  res.status(400).json({
    code: 'validation_failed',
    message: 'The request holds a NUL character or an unpaired surrogate, which no field accepts.',
    details: { [found]: ['must not contain NUL characters or unpaired surrogates'] },
  });
}

function unstorableIn(req: Request): string | undefined {
  for (const segment of req.path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'path';
    }
    if (UNSTORABLE.test(decoded)) return 'path';
  }
  return find(req.query, 'query') ?? find(req.body, 'body');
}

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/**
 * The path (printable) of the first unstorable key or string in `value`. Every request's body
 * goes through here, so the path is only built on the way back from a find.
 */
function find(value: unknown, path: string): string | undefined {
  const keys = findKeys(value);
  return keys && [path, ...keys.reverse().map((key) => key.replace(UNSTORABLE_ALL, '\ufffd'))].join('.');
}

/** The keys down to the first unstorable key or string (innermost first), '' being `value` itself; undefined when there is none. */
function findKeys(value: unknown): string[] | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [] : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    if (UNSTORABLE.test(key)) return [key];
    const inner = findKeys((value as Record<string, unknown>)[key]);
    if (inner) return [...inner, key];
  }
  return undefined;
}
