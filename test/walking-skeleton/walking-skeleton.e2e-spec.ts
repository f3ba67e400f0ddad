import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TestApp } from '@xingfu/testing';
import { seedProject, surveyBody } from '../support/intake';
import { login, newUser, startStandalone } from '../support/standalone-app';

/**
 * The walking skeleton over HTTP: an officer submits an application, ApplicationSubmitted goes
 * through the outbox, reporting consumes it and counts it per township. Once with in-process
 * delivery (standalone defaults) and once through the Kafka-protocol broker.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('walking skeleton ($transport)', ({ kafka }) => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('skeleton');
    app = await startStandalone(databaseUrl, { kafka });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('counts a submitted application in its township, exactly once', async () => {
    const township = newTownshipCode();
    const admin = await login(app, 'admin', 'admin-password-for-tests');
    const officer = await newUser(app, admin, { role: 'officer', townships: [township] });
    const foundation = await newUser(app, admin, { role: 'foundation' });
    const projectId = await seedProject(app.dataSource, township.slice(0, 6));

    for (const village of ['201', '202']) {
      await app
        .http()
        .post('/api/v1/applications')
        .set('Authorization', `Bearer ${officer}`)
        .send(surveyBody(projectId, township, { villageCode: `${township}${village}` }))
        .expect(201);
    }

    const counted = await eventually(async () => {
      const res = await app.http().get('/api/v1/reports/applications-by-township').set('Authorization', `Bearer ${foundation}`).expect(200);
      const row = res.body.items.find((r: { townshipCode: string }) => r.townshipCode === township);
      expect(row?.applications).toBe(2);
      return row;
    });
    expect(counted).toEqual({ townshipCode: township, countyCode: township.slice(0, 6), applications: 2 });

    // The relay records a batch published after its delivery returns, so on a loaded machine the
    // count can be seen before the record: wait for it.
    await eventually(async () => {
      const [outbox] = await app.dataSource.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE status = 'published' AND type = 'ApplicationSubmitted'`);
      expect(outbox.n).toBe(2);
    });
    const [inbox] = await app.dataSource.query(`SELECT count(*)::int AS n FROM reporting.inbox WHERE consumer = 'reporting.applications-by-township'`);
    expect(inbox.n).toBeGreaterThanOrEqual(2);
  });

  it('keeps an officer of another township out (404) and answers without a token with 401', async () => {
    const admin = await login(app, 'admin', 'admin-password-for-tests');
    const officer = await newUser(app, admin, { role: 'officer', townships: [newTownshipCode()] });
    const other = newTownshipCode();
    const projectId = await seedProject(app.dataSource, other.slice(0, 6));
    const res = await app
      .http()
      .post('/api/v1/applications')
      .set('Authorization', `Bearer ${officer}`)
      .send(surveyBody(projectId, other))
      .expect(404);
    expect(res.body).toEqual({ code: 'not_found', message: expect.any(String), details: expect.any(Object) });
    await app.http().get('/api/v1/reports/applications-by-township').expect(401);
  });
});
