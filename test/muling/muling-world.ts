import { ManualClock } from '@xingfu/common';
import { eventually, TestApp } from '@xingfu/testing';
import { Mother } from './muling-fixtures';

/**
 * What the Muling scenario carries from one stage to the next (intake → guarantees → loans):
 * the app, the business date, the users, and every mother with her application's id.
 */
export interface MulingWorld {
  app: TestApp;
  clock: ManualClock;
  kafka: boolean;
  tokens: { officers: Record<string, string>; manager: string; secondManager: string; foundation: string; admin: string };
  projectId: string;
  mothers: Mother[];
  ids: Map<Mother, string>;
  /** The 86 approved, in survey order. */
  approved: Mother[];
}

/** A request that must answer `status`, or the test fails with the route and the body. */
export function expectPost(world: Pick<MulingWorld, 'app'>, token: string, path: string, body: object, status = 201, headers: Record<string, string> = {}) {
  return world.app
    .http()
    .post(`/api/v1${path}`)
    .set('Authorization', `Bearer ${token}`)
    .set(headers)
    .send(body)
    .expect((res) => {
      if (res.status !== status) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    });
}

export function expectPut(world: Pick<MulingWorld, 'app'>, token: string, path: string, body: object, status = 200) {
  return world.app
    .http()
    .put(`/api/v1${path}`)
    .set('Authorization', `Bearer ${token}`)
    .send(body)
    .expect((res) => {
      if (res.status !== status) throw new Error(`PUT ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    });
}

export function expectGet(world: Pick<MulingWorld, 'app'>, token: string, path: string, status = 200) {
  return world.app
    .http()
    .get(`/api/v1${path}`)
    .set('Authorization', `Bearer ${token}`)
    .expect((res) => {
      if (res.status !== status) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    });
}

/** The officer of a mother's township. */
export const officerOf = (world: MulingWorld, m: Mother) => world.tokens.officers[m.township];

/**
 * The dead letters of this scenario in the given schemas. Over Kafka a new consumer group reads
 * each topic from its start, other test files' events included (a buyback for an application
 * this database never had is parked, rightly): those are left out; a record with no application
 * (an unreadable one) is kept.
 */
export function deadLettersOf(world: MulingWorld, schemas: string[]): Promise<{ consumer: string; error: string }[]> {
  const applications = [...world.ids.values()];
  const union = schemas.map((schema) => `SELECT consumer, error, envelope FROM ${schema}.dead_letters`).join(' UNION ALL ');
  return world.app.dataSource.query(
    `SELECT consumer, error FROM (${union}) d WHERE d.envelope->'payload'->>'applicationId' IS NULL OR d.envelope->'payload'->>'applicationId' = ANY($1)`,
    [applications],
  );
}

/** The services whose events the loans year chains (a default invokes a guarantee, which loans hears of). */
const CHAINED_OUTBOXES = ['applications', 'guarantees', 'loans', 'partners'];

/** Every event of these services published (in process: delivered to every consumer), chained ones too. */
export async function outboxesSettled(world: Pick<MulingWorld, 'app'>): Promise<void> {
  const union = CHAINED_OUTBOXES.map((schema) => `SELECT count(*)::int AS n FROM ${schema}.outbox WHERE status <> 'published'`).join(' UNION ALL ');
  await eventually(async () => {
    const rows: { n: number }[] = await world.app.dataSource.query(union);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(0);
  }, { timeoutMs: 60000, intervalMs: 20 });
}
