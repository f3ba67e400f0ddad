import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { TokenService } from '@xingfu/auth';
import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TEST_JWT_SECRET, testEnv, TestApp } from '@xingfu/testing';
import { recorded, startBackboneApp } from '../support/backbone';
import { seedProject, surveyBody } from '../support/intake';
import { startAppProcess, waitForExit } from '../support/child-process';

describe('the process dies after commit and before publish', () => {
  let databaseUrl: string;
  let app: TestApp | undefined;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('crash');
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('delivers the committed event once after a restart', async () => {
    const township = newTownshipCode();
    const tokens = new TokenService(new JwtService({ secret: TEST_JWT_SECRET, signOptions: { expiresIn: 600 } }));
    const token = await tokens.issue({ id: randomUUID(), username: 'officer', role: 'officer', townships: [township], counties: [], partnerId: null });

    // The applications service alone, over Kafka, with its relay off: commits happen, nothing is published.
    const producer = await startAppProcess('applications', testEnv(databaseUrl, { kafka: true, extra: { OUTBOX_RELAY_ENABLED: 'false' } }));
    const projectId = await seedProjectVia(databaseUrl, township.slice(0, 6));
    const res = await fetch(`${producer.baseUrl}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(surveyBody(projectId, township)),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    producer.child.kill('SIGKILL');
    await waitForExit(producer.child);

    const [row] = await queryOnce(databaseUrl, `SELECT status FROM applications.outbox WHERE key = $1`, [id]);
    expect(row.status).toBe('pending');

    // Restarted with the relay on (and a consumer): the pending event goes out and is handled once.
    app = await startBackboneApp(databaseUrl, { kafka: true });
    const rows = await eventually(async () => {
      const found = await recorded(app!, township);
      expect(found).toHaveLength(1);
      return found;
    }, { timeoutMs: 60000 });
    expect(rows[0].aggregate_id).toBe(id);
    const [after] = await app.dataSource.query(`SELECT status FROM applications.outbox WHERE key = $1`, [id]);
    expect(after.status).toBe('published');
    // Its consumers take it side by side, each in its own transaction: the count may commit just after the recorder.
    await eventually(async () => {
      const [count] = await app!.dataSource.query(`SELECT applications FROM reporting.applications_by_township WHERE township_code = $1`, [township]);
      expect(count?.applications).toBe(1);
    });
  });
});

async function queryOnce(url: string, sql: string, params: unknown[]): Promise<{ status: string }[]> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function seedProjectVia(url: string, county: string): Promise<string> {
  const { DataSource } = await import('typeorm');
  const dataSource = await new DataSource({ type: 'postgres', url }).initialize();
  try {
    return await seedProject(dataSource, county);
  } finally {
    await dataSource.destroy();
  }
}
