import { randomUUID } from 'node:crypto';
import { newResidentId, newTownshipCode } from '@xingfu/testing';
import { surveyBody, SurveyOverrides } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';

/** Screening through the real routes: only after a verified home visit, every check recorded, scope kept. */
describe('applications: screening', () => {
  const ctx = useIntakeContext({ label: 'screening' });
  const { as, county, township } = ctx;

  async function submitted(overrides: SurveyOverrides = {}): Promise<string> {
    return (await as(ctx.officer).post('/applications', surveyBody(ctx.projectId, township, overrides)).expect(201)).body.id;
  }

  async function verified(overrides: SurveyOverrides = {}): Promise<string> {
    const id = await submitted(overrides);
    await as(ctx.officer).post(`/applications/${id}/home-visits`, { visitedOn: '2026-11-05', findings: '入户核实，情况属实', verified: true }).expect(201);
    return id;
  }

  const status = async (id: string) => (await ctx.app.dataSource.query(`SELECT status FROM applications.applications WHERE id = $1`, [id]))[0].status;
  const outbox = (id: string) => ctx.app.dataSource.query(`SELECT payload FROM applications.outbox WHERE type = 'ApplicationScreened' AND key = $1`, [id]);

  it('refuses to screen before a verified home visit: 409 with the state and the allowed steps', async () => {
    const id = await submitted();
    const res = await as(ctx.officer).post(`/applications/${id}/screening`).expect(409);
    expect(res.body).toMatchObject({ code: 'illegal_step', details: { currentState: 'submitted', step: 'screening' } });
    expect(res.body.details.allowedSteps.sort()).toEqual(['home-visit', 'rejection', 'withdrawal']);

    await as(ctx.officer).post(`/applications/${id}/home-visits`, { visitedOn: '2026-11-05', findings: '家中无人，信息待核', verified: false }).expect(201);
    expect((await as(ctx.officer).post(`/applications/${id}/screening`).expect(409)).body.details.currentState).toBe('submitted');
    expect(await ctx.app.dataSource.query(`SELECT 1 FROM applications.screenings WHERE application_id = $1`, [id])).toEqual([]);
    expect(await outbox(id)).toEqual([]);
  });

  it('finds a mother who meets the standard eligible, records every check, and emits ApplicationScreened', async () => {
    const id = await verified();
    const res = await as(ctx.officer).post(`/applications/${id}/screening`).expect(201);
    expect(res.body).toMatchObject({ applicationId: id, status: 'eligible', eligible: true, policyVersion: 1 });
    expect(res.body.checks.map((c: { rule: string; outcome: string }) => [c.rule, c.outcome])).toEqual([
      ['age', 'pass'],
      ['per_capita_income', 'pass'],
      ['family_planning', 'pass'],
      ['able_to_work', 'pass'],
      ['production_project', 'pass'],
      ['no_unpaid_loan', 'pass'],
    ]);
    expect(res.body.checks[1]).toEqual({
      rule: 'per_capita_income',
      value: '200000',
      outcome: 'pass',
      reason: 'per-capita income 2,000.00 yuan is below the ceiling 3,000.00 yuan',
    });

    const [row] = await ctx.app.dataSource.query(`SELECT policy_version, eligible, checks, screened_on::text AS "screenedOn" FROM applications.screenings WHERE application_id = $1`, [id]);
    expect(row).toEqual({ policy_version: 1, eligible: true, checks: res.body.checks, screenedOn: '2026-11-22' });
    const [application] = await ctx.app.dataSource.query(`SELECT status, screened_policy_version FROM applications.applications WHERE id = $1`, [id]);
    expect(application).toEqual({ status: 'eligible', screened_policy_version: 1 });
    const [event] = await outbox(id);
    expect(event.payload).toMatchObject({ applicationId: id, projectId: ctx.projectId, townshipCode: township, policyVersion: 1, eligible: true, failedRules: [], screenedOn: '2026-11-22' });
    expect(event.payload.checks).toHaveLength(6);
  });

  it('finds an ineligible one ineligible, listing each failed rule with its reason and figures', async () => {
    const id = await verified({ household: { annualIncomeFen: 1400000, familyPlanningStatus: 'non_compliant', labourers: 0 }, project: { description: '给儿子办婚事' } });
    const res = await as(ctx.officer).post(`/applications/${id}/screening`).expect(201);
    expect(res.body).toMatchObject({ status: 'ineligible', eligible: false });
    const failed = res.body.checks.filter((c: { outcome: string }) => c.outcome === 'fail');
    expect(failed.map((c: { rule: string }) => c.rule)).toEqual(['per_capita_income', 'family_planning', 'able_to_work', 'production_project']);
    expect(failed[0]).toMatchObject({ value: '350000', reason: 'per-capita income 3,500.00 yuan is not below the ceiling 3,000.00 yuan' });
    expect(failed[1].reason).toContain('non_compliant');
    expect(failed[2].reason).toBe('nobody in the household is able to work');
    expect(failed[3].reason).toContain('给儿子办婚事');

    const [event] = await outbox(id);
    expect(event.payload).toMatchObject({ eligible: false, failedRules: ['per_capita_income', 'family_planning', 'able_to_work', 'production_project'] });
    const detail = await as(ctx.manager).get(`/applications/${id}`).expect(200);
    expect(detail.body.status).toBe('ineligible');
    const step = detail.body.history.find((h: { step: string }) => h.step === 'screening');
    expect(step).toMatchObject({ fromStatus: 'verified', toStatus: 'ineligible', actorRole: 'officer', details: { failedRules: ['per_capita_income', 'family_planning', 'able_to_work', 'production_project'] } });
  });

  it('judges the age on the screening date, not the survey date', async () => {
    // 65 on the survey date (2026-11-01), 66 on the screening date (2026-11-22).
    const id = await verified({ idNumber: newResidentId(county, '19601110') });
    const res = await as(ctx.officer).post(`/applications/${id}/screening`).expect(201);
    expect(res.body.checks[0]).toEqual({ rule: 'age', value: '66', outcome: 'fail', reason: 'aged 66, outside 18–65' });
  });

  it('screens once: a second try is 409 and changes nothing', async () => {
    const id = await verified();
    await as(ctx.officer).post(`/applications/${id}/screening`).expect(201);
    const again = await as(ctx.manager).post(`/applications/${id}/screening`).expect(409);
    expect(again.body.details).toMatchObject({ currentState: 'eligible', step: 'screening' });
    expect(again.body.details.allowedSteps).toContain('public-notice');
    expect(await ctx.app.dataSource.query(`SELECT id FROM applications.screenings WHERE application_id = $1`, [id])).toHaveLength(1);
    expect(await outbox(id)).toHaveLength(1);
  });

  it('lets the county’s project manager screen; keeps others and partners out (404), a bad id is 400', async () => {
    const id = await verified();
    const stranger = await ctx.app.tokenFor('officer', { townships: [newTownshipCode(county)] });
    expect((await as(stranger).post(`/applications/${id}/screening`).expect(404)).body.code).toBe('not_found');
    await as(await ctx.app.tokenFor('project_manager', { counties: ['999999'] })).post(`/applications/${id}/screening`).expect(404);
    await as(await ctx.app.tokenFor('partner', { partnerId: 'partner-bama' })).post(`/applications/${id}/screening`).expect(404);
    // A foundation user may see it but not screen it: that is a matter of role.
    expect((await as(await ctx.app.tokenFor('foundation')).post(`/applications/${id}/screening`).expect(403)).body.code).toBe('forbidden');
    await as(ctx.officer).post(`/applications/${randomUUID()}/screening`).expect(404);
    await as(ctx.officer).post('/applications/not-a-uuid/screening').expect(400);
    expect(await status(id)).toBe('verified');

    const res = await as(ctx.manager).post(`/applications/${id}/screening`).expect(201);
    expect(res.body.status).toBe('eligible');
    const [history] = await ctx.app.dataSource.query(`SELECT actor_role FROM applications.application_history WHERE application_id = $1 AND step = 'screening'`, [id]);
    expect(history.actor_role).toBe('project_manager');
  });
});
