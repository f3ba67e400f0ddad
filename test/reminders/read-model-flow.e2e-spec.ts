import { PiiCipher, Secrets } from '@xingfu/common';
import { eventually } from '@xingfu/testing';
import { describeFieldByField } from '../support/field-by-field';
import { useIntakeContext } from '../support/intake-context';
import { GuaranteeDriver, householdBody } from '../guarantees/guarantee-driver';

/**
 * The reminders read model in the whole app, from the events the real services emit: an
 * approval gives reminders the mother (her phone sealed and hashed) and seeds her project's
 * settings; a guarantee taking effect hands over the household's phone sealed as guarantees
 * stores it (GuaranteeEffective.householdPhoneSealed); no phone is in clear in reminders. Over
 * Kafka the broker checks every event against docs/asyncapi.yaml. Then the settings routes,
 * field by field.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('reminders read model from the services’ own events ($transport)', ({ kafka }) => {
  const today = '2026-11-22';
  const ctx = useIntakeContext({ label: 'remindersflow', kafka, today });
  const d = new GuaranteeDriver(ctx);
  const pii = () => new PiiCipher(ctx.app.app.get(Secrets).piiKey);

  it('knows the approved mother by her sealed phone and its hash, and the household of her effective guarantee by the phone guarantees sealed', async () => {
    const household = `139${String(Date.now() % 1e8).padStart(8, '0')}`;
    const { applicationId, guaranteeId } = await d.effectiveWith(householdBody(ctx.county, { phone: household }));
    const [mother] = await eventually(async () => {
      const rows = await d.sql<{ project_id: string; phone_sealed: string; phone_hash: string; township_code: string }>(
        `SELECT project_id, phone_sealed, phone_hash, township_code FROM reminders.mothers WHERE application_id = $1`,
        [applicationId],
      );
      expect(rows).toHaveLength(1);
      return rows;
    }, { timeoutMs: 60000 });
    const phone = pii().decrypt(mother.phone_sealed);
    expect(phone).toMatch(/^1\d{10}$/);
    expect(mother).toMatchObject({ project_id: ctx.projectId, township_code: ctx.township, phone_hash: pii().lookupHash(phone) });
    expect(await d.sql(`SELECT county_code, follow_up_interval_days FROM reminders.project_settings WHERE project_id = $1`, [ctx.projectId])).toEqual([{ county_code: ctx.county, follow_up_interval_days: 90 }]);

    const [guarantee] = await eventually(async () => {
      const rows = await d.sql<{ status: string; household_phone_sealed: string; household_phone_hash: string }>(
        `SELECT status, household_phone_sealed, household_phone_hash FROM reminders.guarantees WHERE guarantee_id = $1`,
        [guaranteeId],
      );
      expect(rows).toMatchObject([{ status: 'effective' }]);
      return rows;
    }, { timeoutMs: 60000 });
    expect(pii().decrypt(guarantee.household_phone_sealed)).toBe(household);
    expect(guarantee.household_phone_hash).toBe(pii().lookupHash(household));
    // The very value guarantees stores, not sealed again.
    expect(await d.sql(`SELECT phone_sealed FROM guarantees.parties WHERE guarantee_id = $1 AND role = 'household' AND current`, [guaranteeId])).toEqual([{ phone_sealed: guarantee.household_phone_sealed }]);

    const tables = await d.sql<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'reminders'`);
    const dump = JSON.stringify(await Promise.all(tables.map(({ table_name }) => d.sql(`SELECT * FROM reminders."${table_name}"`))));
    for (const clear of [phone, household]) expect(dump).not.toMatch(new RegExp(`(?<![0-9a-fA-F])${clear}(?![0-9a-fA-F])`));
    // Over Kafka a new consumer group also reads other files' events: only this case's count.
    expect(await d.sql(`SELECT consumer, error FROM reminders.dead_letters WHERE envelope->'payload'->>'applicationId' = $1`, [applicationId])).toEqual([]);
  });

  if (kafka) return;

  describe('the settings routes, field by field: never a 5xx, always the one error shape', () => {
    const project = async () => {
      // The project is known to reminders once one of its applications was approved (the test above, or here).
      const known = await d.sql(`SELECT 1 FROM reminders.project_settings WHERE project_id = $1`, [ctx.projectId]);
      if (!known.length) {
        await d.approved();
        await eventually(async () => expect(await d.sql(`SELECT 1 FROM reminders.project_settings WHERE project_id = $1`, [ctx.projectId])).toHaveLength(1), { timeoutMs: 60000 });
      }
      return { id: ctx.projectId };
    };
    describeFieldByField(
      'reminders settings',
      ctx,
      [
        { route: 'GET /api/v1/reminders/projects/{id}/settings', as: 'manager', fixture: project, keepsFixture: true },
        {
          route: 'PUT /api/v1/reminders/projects/{id}/settings',
          as: 'manager',
          fixture: project,
          keepsFixture: true,
          body: () => ({ followUpIntervalDays: 60, templates: { 'instalment-mother': '{{name}}您好，第{{seq}}期{{amount}}将于{{dueDate}}到期。' } }),
        },
      ],
      { today, documented: /^\/api\/v1\/reminders\/projects/ },
    );
  });
});
