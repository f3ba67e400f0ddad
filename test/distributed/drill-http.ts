import { Agent, request } from 'node:http';
import { Client } from 'pg';

/** The seven services of the drill, each a process of its own. */
export const APPS = ['identity', 'applications', 'guarantees', 'loans', 'partners', 'reminders', 'reporting'] as const;
export type AppName = (typeof APPS)[number];

export interface Answer {
  status: number;
  body: any;
}

/**
 * Requests to the drill's processes by service name: a restarted process listens on a new port,
 * so the base URL is looked up on every request. A request the process never answered (killed,
 * not up yet) is status 0, so the load can tell it from an answer.
 */
export class DrillApi {
  constructor(
    private readonly agent: Agent,
    private readonly baseUrlOf: (app: AppName) => string,
  ) {}

  send(app: AppName, method: 'GET' | 'POST' | 'PUT', path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const url = new URL(`/api/v1${path}`, this.baseUrlOf(app));
    const text = body === undefined ? '' : JSON.stringify(body);
    const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    return new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          agent: this.agent,
          timeout: 15_000,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...auth, ...headers },
        },
        (res) => {
          let data = '';
          res.on('data', (d) => (data += d));
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : undefined });
            } catch {
              resolve({ status: res.statusCode ?? 0, body: data });
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(text);
    }).catch((error: Error) => ({ status: 0, body: error.message }));
  }

  /** A step of the set-up: it must answer `status`, or the drill stops naming the route and the answer. */
  async expect(app: AppName, method: 'GET' | 'POST' | 'PUT', path: string, token: string | undefined, body: unknown, status: number): Promise<any> {
    const answer = await this.send(app, method, path, token, body);
    if (answer.status !== status) throw new Error(`${method} ${app} ${path} answered ${answer.status} (not ${status}): ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

export type Sql = <T = Record<string, any>>(query: string, params?: unknown[]) => Promise<T[]>;

/** One connection for the drill's reads of every schema (the database is the drill's own). */
export async function connectSql(databaseUrl: string): Promise<{ sql: Sql; end: () => Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  return { sql: async (query, params = []) => (await client.query(query, params)).rows, end: () => client.end() };
}
