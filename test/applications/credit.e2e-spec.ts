import { randomUUID } from 'node:crypto';
import { newTownshipCode } from '@xingfu/testing';
import { MULING_POLICY, seedProject } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';

/** Credit assessment (诚信) through the real routes: only after the notice passed, scored with the project's weights. */
describe('applications: credit assessment', () => {
  const ctx = useIntakeContext({ label: 'credit' });
  const { as, county, township } = ctx;
  const eligible = () => ctx.build.eligible();
  /** On to notice_passed, in another project when given. */
  const noticePassed = (project = ctx.projectId) => ctx.inProject(project).noticePassed();

  const assess = (token: string, id: string, components = { honesty: 90, labour: 80, income: 50 }, evidence = '村民会议评议 + 入户走访') =>
    as(token).post(`/applications/${id}/credit-assessment`, { components, evidence });

  it('refuses to assess before the public notice passed: 409 with the state and the allowed steps', async () => {
    const { id, villageCode } = await eligible();
    const early = await assess(ctx.officer, id).expect(409);
    expect(early.body).toMatchObject({ code: 'illegal_step', details: { currentState: 'eligible', step: 'credit-assessment' } });
    expect(early.body.details.allowedSteps.sort()).toEqual(['public-notice', 'rejection', 'withdrawal']);

    // A notice still running (it ends 2026-11-28): in_notice, still too early.
    await as(ctx.officer).post('/public-notices', { villageCode, applicationIds: [id], startDate: '2026-11-22' }).expect(201);
    const during = await assess(ctx.officer, id).expect(409);
    expect(during.body.details.currentState).toBe('in_notice');
    expect(await ctx.app.dataSource.query(`SELECT 1 FROM applications.credit_assessments WHERE application_id = $1`, [id])).toEqual([]);
  });

  it('scores with the project’s weights (90/80/50 at 70/20/10 → 84 → B), records it and emits CreditAssessed', async () => {
    const id = await noticePassed();
    const res = await assess(ctx.officer, id).expect(201);
    expect(res.body).toMatchObject({
      applicationId: id,
      status: 'credit_assessed',
      score: 84,
      grade: 'B',
      ceilingFen: 3000000,
      weights: { honesty: 70, labour: 20, income: 10 },
      policyVersion: 1,
    });

    const [row] = await ctx.app.dataSource.query(
      `SELECT components, weights, score, grade, ceiling_fen::int AS "ceilingFen", evidence, policy_version AS "policyVersion", assessed_on::text AS "assessedOn"
         FROM applications.credit_assessments WHERE application_id = $1`,
      [id],
    );
    expect(row).toEqual({
      components: { honesty: 90, labour: 80, income: 50 },
      weights: { honesty: 70, labour: 20, income: 10 },
      score: 84,
      grade: 'B',
      ceilingFen: 3000000,
      evidence: '村民会议评议 + 入户走访',
      policyVersion: 1,
      assessedOn: '2026-11-22',
    });
    const detail = await as(ctx.manager).get(`/applications/${id}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'credit_assessed', credit: { score: 84, grade: 'B', ceilingFen: 3000000 } });
    expect(detail.body.history.at(-1)).toMatchObject({ step: 'credit-assessment', fromStatus: 'notice_passed', toStatus: 'credit_assessed', actorRole: 'officer' });
    const events = await ctx.app.dataSource.query(`SELECT payload FROM applications.outbox WHERE type = 'CreditAssessed' AND key = $1`, [id]);
    expect(events.map((e: { payload: unknown }) => e.payload)).toEqual([{ applicationId: id, townshipCode: township, score: 84, grade: 'B', ceilingFen: 3000000 }]);
  });

  it('rounds half up: 95/90/80 at 70/20/10 is 92.5 → 93 → A', async () => {
    const id = await noticePassed();
    expect((await assess(ctx.manager, id, { honesty: 95, labour: 90, income: 80 }).expect(201)).body).toMatchObject({ score: 93, grade: 'A', ceilingFen: 5000000 });
  });

  it('uses the weights in force now: after a change to 50/30/20, 100/60/40 scores 76 (B), not 86 (A)', async () => {
    const project = await seedProject(ctx.app.dataSource, county);
    const id = await noticePassed(project);
    await as(ctx.manager).patch(`/projects/${project}`, { creditWeights: { honesty: 50, labour: 30, income: 20 } }).expect(200);
    const res = await assess(ctx.officer, id, { honesty: 100, labour: 60, income: 40 }).expect(201);
    expect(res.body).toMatchObject({ score: 76, grade: 'B', weights: { honesty: 50, labour: 30, income: 20 }, policyVersion: 2 });
  });

  it('gives the ceiling of a low grade: 50/50/50 → 50 → D, ceiling 0', async () => {
    const id = await noticePassed();
    const res = await assess(ctx.officer, id, { honesty: 50, labour: 50, income: 50 }).expect(201);
    expect(res.body).toMatchObject({ score: 50, grade: 'D', ceilingFen: MULING_POLICY.creditGrades[3].ceilingFen });
  });

  it('refuses bad components and missing evidence with 400 by field, changing nothing', async () => {
    const id = await noticePassed();
    const res = await as(ctx.officer).post(`/applications/${id}/credit-assessment`, { components: { honesty: 101, labour: 1.5 }, evidence: '  ' }).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(Object.keys(res.body.details).sort()).toEqual(['components.honesty', 'components.income', 'components.labour', 'evidence']);
    expect(Object.keys((await as(ctx.officer).post(`/applications/${id}/credit-assessment`, { evidence: '村民会议' }).expect(400)).body.details)).toEqual(['components']);
    expect((await as(ctx.officer).get(`/applications/${id}`)).body.status).toBe('notice_passed');
  });

  it('assesses once: a second try is 409 naming approval as the next step', async () => {
    const id = await noticePassed();
    await assess(ctx.officer, id).expect(201);
    const again = await assess(ctx.manager, id, { honesty: 100, labour: 100, income: 100 }).expect(409);
    expect(again.body.details.currentState).toBe('credit_assessed');
    expect(again.body.details.allowedSteps).toContain('approval');
    const [{ count }] = await ctx.app.dataSource.query(`SELECT count(*)::int AS count FROM applications.credit_assessments WHERE application_id = $1`, [id]);
    expect(count).toBe(1);
  });

  it('keeps others out: another township’s officer, another county’s manager and a partner get 404', async () => {
    const id = await noticePassed();
    expect((await assess(await ctx.app.tokenFor('officer', { townships: [newTownshipCode(county)] }), id).expect(404)).body.code).toBe('not_found');
    await assess(await ctx.app.tokenFor('project_manager', { counties: ['999999'] }), id).expect(404);
    expect((await assess(await ctx.app.tokenFor('partner', { partnerId: 'partner-bama' }), id).expect(404)).body).toEqual({
      code: 'not_found',
      message: `application ${id} was not found`,
      details: { id },
    });
    await assess(ctx.officer, randomUUID()).expect(404);
    expect((await as(ctx.officer).get(`/applications/${id}`)).body.status).toBe('notice_passed');
  });
});
