import { Clock } from '@xingfu/common';
import { createTestDatabase, dropTestDatabase, eventually, startTestApp, TestApp } from '@xingfu/testing';
import { identityDatabase } from '../../apps/identity/src/identity.database';
import { IdentityModule } from '../../apps/identity/src/identity.module';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { ReportingModule } from '../../apps/reporting/src/reporting.module';

/**
 * Issue 6 §3: in distributed mode every service sees the same business date. Identity and
 * reporting, each started alone (no jobs, no sweeps), read the shared managed date instead of
 * their own seed, and follow a PUT made in the other process.
 */
describe('the managed business date in a process without jobs', () => {
  let databaseUrl: string;
  let identity: TestApp;
  let reporting: TestApp;
  const managed = (seed: string) => ({ BUSINESS_DATE_MODE: 'managed', BUSINESS_DATE: seed });
  const dateOf = async (app: TestApp) => {
    const res = await app.http().get('/api/v1/admin/business-date').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).expect(200);
    return res.body as { businessDate: string; mode: string };
  };
  const put = async (app: TestApp, businessDate: string) =>
    app.http().put('/api/v1/admin/business-date').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).send({ businessDate }).expect(200);

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('bdateall');
    identity = await startTestApp({ services: [identityDatabase], modules: [IdentityModule], databaseUrl, env: managed('2026-11-20') });
    reporting = await startTestApp({ services: [reportingDatabase], modules: [ReportingModule], databaseUrl, env: managed('2026-11-01') });
  });

  afterAll(async () => {
    await reporting?.close();
    await identity?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('starts reporting on the shared date, not its own seed, and its clock runs on it', async () => {
    expect(await dateOf(reporting)).toEqual({ businessDate: '2026-11-20', mode: 'managed' });
    expect(reporting.app.get(Clock).today()).toBe('2026-11-20');
    expect(identity.app.get(Clock).today()).toBe('2026-11-20');
  });

  it('moves reporting’s clock after an admin PUTs a date in identity, and identity’s after a PUT in reporting', async () => {
    await put(identity, '2026-11-28');
    await eventually(() => expect(reporting.app.get(Clock).today()).toBe('2026-11-28'), { timeoutMs: 10_000 });
    expect((await dateOf(reporting)).businessDate).toBe('2026-11-28');

    await put(reporting, '2026-12-03');
    await eventually(() => expect(identity.app.get(Clock).today()).toBe('2026-12-03'), { timeoutMs: 10_000 });
    const [stored] = await identity.dataSource.query(`SELECT business_date::text AS date, updated_by FROM platform.business_date`);
    expect(stored.date).toBe('2026-12-03');
    expect(stored.updated_by).toMatch(/^user:/);
  });
});
