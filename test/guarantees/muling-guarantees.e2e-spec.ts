import { eventually, newResidentId } from '@xingfu/testing';
import { IntakeBuilder } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';
import { GuaranteeDriver, householdBody } from './guarantee-driver';

const MOTHERS = 86;
const TOWNSHIP_COUNT = 8;
const DECLINING = 5;

/**
 * The Muling intake goes on (三方联保): each of the 86 approved mothers, across 8 townships,
 * gets a guarantor household and three signatures. A few households decline and are replaced;
 * one household already standing behind two loans is refused a third and another is found.
 * Every guarantee ends effective. The approvals are built through the intake routes (one
 * village per mother), lighter than the full 164-survey run of test/applications.
 */
describe('Muling: the three-party guarantee for every approved mother (standalone, over HTTP)', () => {
  const ctx = useIntakeContext({ label: 'mulingguarantee', kafka: false });
  const d = new GuaranteeDriver(ctx);

  it('takes all 86 guarantees to effective, with declines replaced and one household at its limit', async () => {
    const townships = Array.from({ length: TOWNSHIP_COUNT }, (_, i) => `${ctx.county}${String(300 + i)}`);
    const officers = new Map<string, string>();
    for (const township of townships) officers.set(township, await ctx.app.tokenFor('officer', { townships: [township] }));
    const builders = townships.map((t) => new IntakeBuilder(ctx.app, ctx.clock, ctx.projectId, t, officers.get(t)!, ctx.manager));

    const approved: { applicationId: string; officer: string }[] = [];
    for (let i = 0; i < MOTHERS; i++) {
      const builder = builders[i % TOWNSHIP_COUNT];
      approved.push({ applicationId: await d.approved(builder), officer: builder.officer });
    }

    // One household (a lead farmer's family) stands behind the first two mothers of the first township.
    const busy = householdBody(ctx.county, { headName: '李富贵', relation: 'villager' });
    const outcomes = { declined: 0, refusedAtLimit: 0 };
    for (const [i, { applicationId, officer }] of approved.entries()) {
      const id = await d.guaranteeIdOf(applicationId);
      const firstChoice = i === 0 || i === TOWNSHIP_COUNT || i === 2 * TOWNSHIP_COUNT ? busy : householdBody(ctx.county, { idNumber: newResidentId(ctx.county) });
      const named = await d.nameHousehold(id, firstChoice, officer);
      if (named.status === 409) {
        expect(named.body).toMatchObject({ code: 'household_limit', details: { limit: 2 } });
        expect(named.body.details.guarantees).toHaveLength(2);
        outcomes.refusedAtLimit++;
        await d.nameHousehold(id, householdBody(ctx.county), officer).expect(200);
      } else {
        expect(named.status).toBe(200);
      }
      if (i % 17 === 3 && outcomes.declined < DECLINING) {
        await ctx.as(officer).post(`/guarantees/${id}/parties/household/decline`, { reason: '家人不同意担保' }).expect(201);
        await d.nameHousehold(id, householdBody(ctx.county, { headName: '周永福' }), officer).expect(200);
        outcomes.declined++;
      }
      for (const role of ['township', 'village', 'household']) await d.sign(id, role, undefined, officer).expect(201);
    }
    expect(outcomes).toEqual({ declined: DECLINING, refusedAtLimit: 1 });

    const all = await ctx.as(ctx.foundation).get('/guarantees?pageSize=200').expect(200);
    expect(all.body.total).toBe(MOTHERS);
    expect(all.body.items.every((g: { status: string }) => g.status === 'effective')).toBe(true);
    expect(new Set(all.body.items.map((g: { townshipCode: string }) => g.townshipCode))).toEqual(new Set(townships));
    const replaced = all.body.items.filter((g: { replacedParties: unknown[] }) => g.replacedParties.length > 0);
    expect(replaced).toHaveLength(DECLINING);
    // An officer sees only her township's share.
    const mine = await ctx.as(officers.get(townships[0])!).get('/guarantees?pageSize=200').expect(200);
    expect(mine.body.total).toBe(Math.ceil(MOTHERS / TOWNSHIP_COUNT));

    await eventually(async () => {
      const [{ effective, published }] = await d.sql<{ effective: number; published: number }>(
        `SELECT count(*)::int AS effective, count(*) FILTER (WHERE status = 'published')::int AS published
           FROM (SELECT type, status FROM guarantees.outbox UNION ALL SELECT type, status FROM guarantees.outbox_archive) o WHERE type = 'GuaranteeEffective'`,
      );
      expect({ effective, published }).toEqual({ effective: MOTHERS, published: MOTHERS });
    });
    expect(await d.sql(`SELECT consumer, error FROM guarantees.dead_letters`)).toEqual([]);
  });
});
