import { newTownshipCode } from '@xingfu/testing';
import { MULING_POLICY, surveyBody } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';

/** County projects through the real routes: registration, scopes, versioned policy changes and their events. */
describe('applications: projects', () => {
  const ctx = useIntakeContext({ label: 'projects' });
  const { as, county, township } = ctx;
  const otherCounty = String(Number(county) + 1).padStart(6, '0');

  /** A Muling-like project body; omits the defaulted parts unless given. */
  const projectBody = (countyCode = county, overrides: object = {}) => {
    const { aidStandard, loanPolicy, creditGrades } = structuredClone(MULING_POLICY);
    return { name: `幸福工程 ${countyCode}`, countyCode, aidStandard, loanPolicy, creditGrades, ...overrides };
  };

  async function register(token = ctx.manager, body: object = projectBody()): Promise<string> {
    return (await as(token).post('/projects', body).expect(201)).body.id;
  }

  const outbox = (type: string, key: string) =>
    ctx.app.dataSource.query(`SELECT payload, headers FROM applications.outbox WHERE type = $1 AND key = $2 ORDER BY seq`, [type, key]);

  it('registers a project with policy version 1, the default weights and notice days, and emits ProjectRegistered', async () => {
    const res = await as(ctx.manager).post('/projects', projectBody()).expect(201);
    expect(res.body).toMatchObject({
      name: `幸福工程 ${county}`,
      countyCode: county,
      policyVersion: 1,
      creditWeights: { honesty: 70, labour: 20, income: 10 },
      publicNoticeDays: 7,
      aidStandard: MULING_POLICY.aidStandard,
      loanPolicy: MULING_POLICY.loanPolicy,
      creditGrades: MULING_POLICY.creditGrades,
    });
    const id = res.body.id;
    const [policy] = await ctx.app.dataSource.query(`SELECT version, credit_weights, public_notice_days FROM applications.project_policies WHERE project_id = $1`, [id]);
    expect(policy).toEqual({ version: 1, credit_weights: { honesty: 70, labour: 20, income: 10 }, public_notice_days: 7 });
    const events = await outbox('ProjectRegistered', id);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      projectId: id,
      countyCode: county,
      policyVersion: 1,
      publicNoticeDays: 7,
      creditGrades: MULING_POLICY.creditGrades,
      creditWeights: { honesty: 70, labour: 20, income: 10 },
    });
    expect((await as(ctx.manager).get(`/projects/${id}`).expect(200)).body).toMatchObject({ id, policyVersion: 1 });
  });

  it('lets the foundation register anywhere, with its own weights and notice days', async () => {
    const body = projectBody(otherCounty, { creditWeights: { honesty: 50, labour: 30, income: 20 }, publicNoticeDays: 10 });
    const res = await as(ctx.foundation).post('/projects', body).expect(201);
    expect(res.body).toMatchObject({ countyCode: otherCounty, creditWeights: { honesty: 50, labour: 30, income: 20 }, publicNoticeDays: 10 });
  });

  it('answers 404 to a project manager registering in another county, and 403 to an officer', async () => {
    const res = await as(ctx.manager).post('/projects', projectBody(otherCounty)).expect(404);
    expect(res.body.code).toBe('not_found');
    expect((await as(ctx.officer).post('/projects', projectBody()).expect(403)).body.code).toBe('forbidden');
  });

  it('refuses an inconsistent policy with 400 and the problems by field, and stores nothing', async () => {
    const [{ count: before }] = await ctx.app.dataSource.query(`SELECT count(*)::int AS count FROM applications.projects`);
    const body = projectBody(county, {
      aidStandard: { ...MULING_POLICY.aidStandard, minAge: 70 },
      loanPolicy: { ...MULING_POLICY.loanPolicy, minAmountFen: 9000000, repaymentPlans: [], rateBasisPoints: 300 },
      creditGrades: [
        { grade: 'A', minScore: 80, maxScore: 100, ceilingFen: 5000000 },
        { grade: 'B', minScore: 60, maxScore: 85, ceilingFen: 1000000 },
      ],
      creditWeights: { honesty: 60, labour: 20, income: 10 },
    });
    const res = await as(ctx.manager).post('/projects', body).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(Object.keys(res.body.details).sort()).toEqual(
      ['aidStandard.minAge', 'creditGrades', 'creditWeights', 'loanPolicy.minAmountFen', 'loanPolicy.rateBasisPoints', 'loanPolicy.repaymentPlans'].sort(),
    );
    expect(res.body.details.creditGrades).toEqual(['no grade covers scores 0–59', 'grade A overlaps the grade below it']);
    const [{ count: after }] = await ctx.app.dataSource.query(`SELECT count(*)::int AS count FROM applications.projects`);
    expect(after).toBe(before);
  });

  it('refuses a malformed body with 400 naming the fields: missing parts, bad county, unknown plan, fractional money', async () => {
    const { aidStandard: _omit, ...noAid } = projectBody();
    expect(Object.keys((await as(ctx.manager).post('/projects', noAid).expect(400)).body.details)).toEqual(['aidStandard']);
    const res = await as(ctx.foundation)
      .post('/projects', projectBody('2310', { loanPolicy: { ...MULING_POLICY.loanPolicy, repaymentPlans: ['weekly'], maxAmountFen: 1.5 } }))
      .expect(400);
    expect(Object.keys(res.body.details).sort()).toEqual(['countyCode', 'loanPolicy.maxAmountFen', 'loanPolicy.repaymentPlans']);
    await as(ctx.manager).post('/projects', { ...projectBody(), extra: true }).expect(400);
    const nulls = await as(ctx.manager).post('/projects', projectBody(county, { loanPolicy: null, creditGrades: [null], creditWeights: [70, 20, 10] })).expect(400);
    expect(Object.keys(nulls.body.details)).toEqual(expect.arrayContaining(['creditGrades.0', 'creditWeights', 'loanPolicy']));
  });

  it('lists projects by scope: the manager’s county, the officer’s county, everything for the foundation, nothing for a partner', async () => {
    const mine = await register();
    const theirs = await register(ctx.foundation, projectBody(otherCounty));
    const ids = async (token: string) => ((await as(token).get('/projects').expect(200)).body.items as { id: string }[]).map((p) => p.id);
    expect(await ids(ctx.manager)).toContain(mine);
    expect(await ids(ctx.manager)).not.toContain(theirs);
    expect(await ids(ctx.officer)).toContain(mine);
    expect(await ids(ctx.officer)).not.toContain(theirs);
    expect(await ids(ctx.foundation)).toEqual(expect.arrayContaining([mine, theirs]));
    expect(await ids(await ctx.app.tokenFor('partner', { partnerId: 'partner-bama' }))).toEqual([]);
    expect(await ids(await ctx.app.tokenFor('project_manager', { counties: [] }))).toEqual([]);
  });

  it('keeps a project out of reach outside its county: 404 on read and on change; an officer of the county may read, not change', async () => {
    const id = await register();
    const stranger = await ctx.app.tokenFor('project_manager', { counties: [otherCounty] });
    expect((await as(stranger).get(`/projects/${id}`).expect(404)).body.code).toBe('not_found');
    await as(stranger).patch(`/projects/${id}`, { publicNoticeDays: 9 }).expect(404);
    await as(await ctx.app.tokenFor('officer', { townships: [newTownshipCode(otherCounty)] })).get(`/projects/${id}`).expect(404);
    await as(await ctx.app.tokenFor('partner', { partnerId: 'partner-bama' })).get(`/projects/${id}`).expect(404);
    expect((await as(ctx.officer).get(`/projects/${id}`).expect(200)).body).toMatchObject({ id, countyCode: county, policyVersion: 1 });
    await as(ctx.officer).patch(`/projects/${id}`, { publicNoticeDays: 9 }).expect(403);
    const [{ policy_version }] = await ctx.app.dataSource.query(`SELECT policy_version FROM applications.projects WHERE id = $1`, [id]);
    expect(policy_version).toBe(1);
  });

  it('makes a change a new version, keeps the old one, emits ProjectPolicyChanged once, and a retry makes no second version', async () => {
    const id = await register();
    const change = { loanPolicy: { ...MULING_POLICY.loanPolicy, chargeKind: 'management_fee', rateBasisPoints: 300 }, publicNoticeDays: 10 };
    const res = await as(ctx.manager).patch(`/projects/${id}`, change).expect(200);
    expect(res.body).toMatchObject({ policyVersion: 2, publicNoticeDays: 10, loanPolicy: { chargeKind: 'management_fee', rateBasisPoints: 300 } });
    await as(ctx.manager).patch(`/projects/${id}`, change).expect(200);

    const versions = await ctx.app.dataSource.query(`SELECT version, loan_policy, public_notice_days FROM applications.project_policies WHERE project_id = $1 ORDER BY version`, [id]);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toMatchObject({ loan_policy: { chargeKind: 'none', rateBasisPoints: 0 }, public_notice_days: 7 });
    const events = await outbox('ProjectPolicyChanged', id);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ projectId: id, countyCode: county, policyVersion: 2, changed: ['loanPolicy', 'publicNoticeDays'], publicNoticeDays: 10 });
    expect((await as(ctx.officer).get(`/projects/${id}`).expect(200)).body.policyVersion).toBe(2);
  });

  it('carries the new weights in ProjectPolicyChanged when only the weights change', async () => {
    const id = await register();
    await as(ctx.manager).patch(`/projects/${id}`, { creditWeights: { honesty: 50, labour: 30, income: 20 } }).expect(200);
    const [event] = await outbox('ProjectPolicyChanged', id);
    expect(event.payload).toMatchObject({ policyVersion: 2, changed: ['creditWeights'], creditWeights: { honesty: 50, labour: 30, income: 20 } });
  });

  it('refuses amounts no policy needs (above the fen ceiling, or not safe integers) with 400 by field', async () => {
    const huge = projectBody(county, {
      aidStandard: { ...MULING_POLICY.aidStandard, incomeCeilingFenPerCapita: 1e308 },
      loanPolicy: { ...MULING_POLICY.loanPolicy, minAmountFen: 1e308, maxAmountFen: 10_000_000_001 },
      creditGrades: MULING_POLICY.creditGrades.map((g) => ({ ...g, ceilingFen: Number.MAX_SAFE_INTEGER + 2 })),
    });
    const res = await as(ctx.manager).post('/projects', huge).expect(400);
    expect(Object.keys(res.body.details).sort()).toEqual(
      ['aidStandard.incomeCeilingFenPerCapita', 'creditGrades.0.ceilingFen', 'creditGrades.1.ceilingFen', 'creditGrades.2.ceilingFen', 'creditGrades.3.ceilingFen', 'loanPolicy.maxAmountFen', 'loanPolicy.minAmountFen'].sort(),
    );
    const zero = await as(ctx.manager).post('/projects', projectBody(county, { loanPolicy: { ...MULING_POLICY.loanPolicy, minAmountFen: 0 } })).expect(400);
    expect(Object.keys(zero.body.details)).toEqual(['loanPolicy.minAmountFen']);
  });

  it('renames without a new policy version', async () => {
    const id = await register();
    const res = await as(ctx.foundation).patch(`/projects/${id}`, { name: '穆棱市幸福工程（第二批）' }).expect(200);
    expect(res.body).toMatchObject({ name: '穆棱市幸福工程（第二批）', policyVersion: 1 });
    expect(await outbox('ProjectPolicyChanged', id)).toEqual([]);
  });

  it('refuses a change that is empty, null or inconsistent with 400, leaving the version in force', async () => {
    const id = await register();
    expect((await as(ctx.manager).patch(`/projects/${id}`, {}).expect(400)).body.details.body).toBeDefined();
    expect(Object.keys((await as(ctx.manager).patch(`/projects/${id}`, { aidStandard: null, name: null }).expect(400)).body.details).sort()).toEqual(['aidStandard', 'name']);
    const res = await as(ctx.manager).patch(`/projects/${id}`, { creditWeights: { honesty: 70, labour: 20, income: 20 } }).expect(400);
    expect(res.body.details).toEqual({ creditWeights: ['the weights must add up to 100'] });
    expect((await as(ctx.manager).get(`/projects/${id}`).expect(200)).body.policyVersion).toBe(1);
  });

  it('serialises concurrent changes: each makes its own version, none lost', async () => {
    const id = await register();
    const days = [8, 9, 10, 11, 12];
    const results = await Promise.all(days.map((d) => as(ctx.manager).patch(`/projects/${id}`, { publicNoticeDays: d })));
    expect(results.map((r) => r.status)).toEqual(days.map(() => 200));
    expect(results.map((r) => r.body.policyVersion).sort()).toEqual([2, 3, 4, 5, 6]);
    const rows = await ctx.app.dataSource.query(`SELECT version, public_notice_days FROM applications.project_policies WHERE project_id = $1 ORDER BY version`, [id]);
    expect(rows.map((r: { version: number }) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.slice(1).map((r: { public_notice_days: number }) => r.public_notice_days).sort((a: number, b: number) => a - b)).toEqual(days);
    expect(await outbox('ProjectPolicyChanged', id)).toHaveLength(5);
  });

  it('never rewrites a past screening: raising the income ceiling leaves a failed screening failed, and one after it passes', async () => {
    const id = await register();
    const rich = { household: { annualIncomeFen: 1600000 } }; // 4,000 yuan a head against a 3,000 yuan ceiling
    const screened = async () => {
      const app1 = (await as(ctx.officer).post('/applications', surveyBody(id, township, rich)).expect(201)).body.id;
      await as(ctx.officer).post(`/applications/${app1}/home-visits`, { visitedOn: '2026-11-05', findings: '属实', verified: true }).expect(201);
      return { applicationId: app1, screening: (await as(ctx.officer).post(`/applications/${app1}/screening`).expect(201)).body };
    };

    const before = await screened();
    expect(before.screening).toMatchObject({ eligible: false, policyVersion: 1, status: 'ineligible' });
    await as(ctx.manager).patch(`/projects/${id}`, { aidStandard: { ...MULING_POLICY.aidStandard, incomeCeilingFenPerCapita: 500000 } }).expect(200);
    const after = await screened();
    expect(after.screening).toMatchObject({ eligible: true, policyVersion: 2, status: 'eligible' });

    const old = await as(ctx.manager).get(`/applications/${before.applicationId}`).expect(200);
    expect(old.body.status).toBe('ineligible');
    expect(old.body.screenings).toHaveLength(1);
    expect(old.body.screenings[0]).toMatchObject({ policyVersion: 1, eligible: false });
    const income = old.body.screenings[0].checks.find((c: { rule: string }) => c.rule === 'per_capita_income');
    expect(income).toMatchObject({ outcome: 'fail', reason: 'per-capita income 4,000.00 yuan is not below the ceiling 3,000.00 yuan' });
    const [row] = await ctx.app.dataSource.query(`SELECT screened_policy_version FROM applications.applications WHERE id = $1`, [before.applicationId]);
    expect(row.screened_policy_version).toBe(1);
  });
});
