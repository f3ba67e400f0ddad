import { randomUUID } from 'node:crypto';
import { eventually } from '@xingfu/testing';
import { useIntakeContext } from '../support/intake-context';
import { FundDriver } from './fund-driver';

describe('loans: a registered project opens one fund', () => {
  const ctx = useIntakeContext({ label: 'fundopen' });
  const d = new FundDriver(ctx);

  it('knows the project with its charge and the default loan settings, and opens its fund on the business date, once however often ProjectRegistered comes', async () => {
    const projectId = randomUUID();
    await d.registered(projectId, ctx.county, { chargeKind: 'management_fee', rateBasisPoints: 300 });
    await d.fundOpened(projectId);
    // Re-emitted under a new event id (the inbox cannot tell): still one project and one fund, as first written.
    ctx.clock.set('2026-12-01');
    const again = await d.registered(projectId, ctx.county, { chargeKind: 'interest', rateBasisPoints: 500 });
    await eventually(async () => expect(await d.sql(`SELECT 1 FROM loans.inbox WHERE consumer = 'loans.open-fund-when-project-registered' AND event_id = $1`, [again.eventId])).toHaveLength(1), { timeoutMs: 60000 });
    expect(await d.sql(`SELECT project_id, county_code, opened_on::text FROM loans.funds WHERE project_id = $1`, [projectId])).toEqual([
      { project_id: projectId, county_code: ctx.county, opened_on: ctx.today },
    ]);
    expect(await d.sql(`SELECT charge_kind, rate_basis_points, default_threshold_days, interest_subsidy_basis_points, policy_version FROM loans.projects WHERE project_id = $1`, [projectId])).toEqual([
      { charge_kind: 'management_fee', rate_basis_points: 300, default_threshold_days: 90, interest_subsidy_basis_points: 0, policy_version: 1 },
    ]);
  });

  it('follows a policy change of the charge, and ignores one older than the version applied', async () => {
    const projectId = randomUUID();
    await d.registered(projectId);
    await d.fundOpened(projectId);
    const charge = () => d.sql(`SELECT charge_kind, rate_basis_points, policy_version FROM loans.projects WHERE project_id = $1`, [projectId]);
    await d.policyChanged(3, { chargeKind: 'interest', rateBasisPoints: 450 }, projectId);
    await eventually(async () => expect(await charge()).toEqual([{ charge_kind: 'interest', rate_basis_points: 450, policy_version: 3 }]), { timeoutMs: 60000 });
    const stale = await d.policyChanged(2, { chargeKind: 'management_fee', rateBasisPoints: 300 }, projectId);
    await eventually(async () => expect(await d.sql(`SELECT 1 FROM loans.inbox WHERE consumer = 'loans.follow-policy-when-project-policy-changed' AND event_id = $1`, [stale.eventId])).toHaveLength(1), { timeoutMs: 60000 });
    expect(await charge()).toEqual([{ charge_kind: 'interest', rate_basis_points: 450, policy_version: 3 }]);
  });

  it('cuts the interest subsidy to a lowered interest rate, and to nothing when the project stops charging interest', async () => {
    const projectId = randomUUID();
    await d.registered(projectId, ctx.county, { chargeKind: 'interest', rateBasisPoints: 600 });
    await d.fundOpened(projectId);
    await d.loanSettings({ defaultThresholdDays: 90, interestSubsidyBasisPoints: 500 }, ctx.manager, projectId).expect(200);
    const subsidy = async () => (await d.sql<{ s: number }>(`SELECT interest_subsidy_basis_points AS s FROM loans.projects WHERE project_id = $1`, [projectId]))[0].s;
    await d.policyChanged(2, { chargeKind: 'interest', rateBasisPoints: 400 }, projectId);
    await eventually(async () => expect(await subsidy()).toBe(400), { timeoutMs: 60000 });
    await d.policyChanged(3, { chargeKind: 'management_fee', rateBasisPoints: 300 }, projectId);
    await eventually(async () => expect(await subsidy()).toBe(0), { timeoutMs: 60000 });
  });
});
