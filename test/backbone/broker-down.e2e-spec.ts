import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, startBroker, stopBroker, TestApp } from '@xingfu/testing';
import { recorded, startBackboneApp } from '../support/backbone';
import { seedProject, surveyBody } from '../support/intake';

describe('the broker is down while commands run', () => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('down');
    app = await startBackboneApp(databaseUrl, { kafka: true });
  });

  afterAll(async () => {
    await startBroker(); // whatever happened, leave a broker for the files after this one
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('lets the commands succeed and delivers everything, in order per key, once it is back', async () => {
    const township = newTownshipCode();
    const officer = await app.tokenFor('officer', { townships: [township] });
    const projectId = await seedProject(app.dataSource, township.slice(0, 6));
    await stopBroker();

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.http().post('/api/v1/applications').set('Authorization', `Bearer ${officer}`).send(surveyBody(projectId, township)).expect(201);
      ids.push(res.body.id);
    }
    const [pending] = await app.dataSource.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE status = 'pending'`);
    expect(pending.n).toBeGreaterThanOrEqual(5);

    await startBroker();
    const rows = await eventually(
      async () => {
        const found = await recorded(app, township);
        expect(found).toHaveLength(5);
        return found;
      },
      { timeoutMs: 60000, intervalMs: 200 },
    );
    expect(new Set(rows.map((r) => r.aggregate_id))).toEqual(new Set(ids));
    const [{ n: notFailed }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE status = 'failed'`);
    expect(notFailed).toBe(0);
  });
});
