import { FULL_ID_NUMBER, eventually, newResidentId } from '@xingfu/testing';
import { householdBody, signature } from '../guarantees/guarantee-driver';
import { MULING_COUNTY, TOWNSHIPS } from './muling-fixtures';
import { deadLettersOf, expectGet, expectPost, MulingWorld, officerOf } from './muling-world';

const DECLINING = 5;

/** The guarantee ApplicationApproved opened for an application, once guarantees has handled it. */
export function guaranteeIdOf(world: MulingWorld, applicationId: string): Promise<string> {
  return eventually(
    async () => {
      const [row] = await world.app.dataSource.query(`SELECT id FROM guarantees.guarantees WHERE application_id = $1`, [applicationId]);
      if (!row) throw new Error(`no guarantee for application ${applicationId} yet`);
      return row.id as string;
    },
    { timeoutMs: 60000 },
  );
}

/**
 * Stage 2, the three-party guarantee (三方联保) of each of the 86 approved mothers: a guarantor
 * household named and three signatures. A few households decline and are replaced; one
 * household already standing behind two loans is refused a third and another is found. Every
 * guarantee ends effective.
 */
export async function mulingGuarantees(world: MulingWorld): Promise<void> {
  const name = (id: string, body: object, officer: string) =>
    world.app.http().put(`/api/v1/guarantees/${id}/parties/household`).set('Authorization', `Bearer ${officer}`).send(body);
  // One household (a lead farmer's family) is asked for the 1st, 9th and 17th mothers (all of the first township).
  const busy = householdBody(MULING_COUNTY, { headName: '李富贵', relation: 'villager' });
  const askedOfBusy = new Set([0, TOWNSHIPS.length, 2 * TOWNSHIPS.length]);
  const outcomes = { declined: 0, refusedAtLimit: 0 };
  const signedOn = world.clock.today();

  for (const [i, m] of world.approved.entries()) {
    const officer = officerOf(world, m);
    const id = await guaranteeIdOf(world, world.ids.get(m)!);
    const named = await name(id, askedOfBusy.has(i) ? busy : householdBody(MULING_COUNTY, { idNumber: newResidentId(MULING_COUNTY) }), officer);
    if (named.status === 409) {
      expect(named.body).toMatchObject({ code: 'household_limit', details: { limit: 2 } });
      expect(named.body.details.guarantees).toHaveLength(2);
      expect(JSON.stringify(named.body)).not.toMatch(FULL_ID_NUMBER);
      outcomes.refusedAtLimit++;
      expect((await name(id, householdBody(MULING_COUNTY), officer)).status).toBe(200);
    } else {
      expect(named.status).toBe(200);
    }
    if (i % 17 === 3 && outcomes.declined < DECLINING) {
      await expectPost(world, officer, `/guarantees/${id}/parties/household/decline`, { reason: '家人不同意担保' });
      expect((await name(id, householdBody(MULING_COUNTY, { headName: '周永福' }), officer)).status).toBe(200);
      outcomes.declined++;
    }
    for (const role of ['township', 'village', 'household']) await expectPost(world, officer, `/guarantees/${id}/parties/${role}/signature`, signature(role, signedOn));
  }
  expect(outcomes).toEqual({ declined: DECLINING, refusedAtLimit: 1 });

  const all = (await expectGet(world, world.tokens.foundation, `/guarantees?pageSize=200`)).body;
  const mine = all.items.filter((g: { applicationId: string }) => world.approved.some((m) => world.ids.get(m) === g.applicationId));
  expect(mine).toHaveLength(world.approved.length);
  expect(mine.every((g: { status: string }) => g.status === 'effective')).toBe(true);
  expect(new Set(mine.map((g: { townshipCode: string }) => g.townshipCode))).toEqual(new Set(TOWNSHIPS));
  expect(mine.filter((g: { replacedParties: unknown[] }) => g.replacedParties.length > 0)).toHaveLength(DECLINING);
  // An officer sees only her township's share.
  const first = (await expectGet(world, world.tokens.officers[TOWNSHIPS[0]], `/guarantees?pageSize=200`)).body;
  expect(first.total).toBe(world.approved.filter((m) => m.township === TOWNSHIPS[0]).length);

  await eventually(
    async () => {
      const [{ effective, published }] = await world.app.dataSource.query(
        `SELECT count(*)::int AS effective, count(*) FILTER (WHERE status = 'published')::int AS published
           FROM (SELECT type, status FROM guarantees.outbox UNION ALL SELECT type, status FROM guarantees.outbox_archive) o WHERE type = 'GuaranteeEffective'`,
      );
      expect({ effective, published }).toEqual({ effective: world.approved.length, published: world.approved.length });
    },
    { timeoutMs: 60000 },
  );
  expect(await deadLettersOf(world, ['guarantees'])).toEqual([]);
}
