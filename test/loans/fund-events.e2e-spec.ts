import { randomUUID } from 'node:crypto';
import { eventually } from '@xingfu/testing';
import { useIntakeContext } from '../support/intake-context';
import { FundDriver } from './fund-driver';

/** Over Kafka the broker (go-mokapi) checks every event against docs/asyncapi.yaml. */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('loans: a fund’s events (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'fundevents', kafka });
  const d = new FundDriver(ctx);

  it('opens the fund from ProjectRegistered and publishes FundContributionRecorded for a pledge and an arrival, each within its contract', async () => {
    const projectId = randomUUID();
    await d.openFund(projectId);
    await d.contribute({ amountFen: 40_000_000, source: 'foundation', stage: 'committed', date: '2026-11-01', round: 1 }, ctx.foundation, projectId).expect(201);
    await d.contribute({ amountFen: 40_000_000, source: 'local_match', stage: 'received', date: ctx.today, note: '县财政配套' }, ctx.manager, projectId).expect(201);
    await eventually(
      async () => {
        const rows = await d.sql(
          `SELECT type, status FROM (SELECT seq, type, status, key FROM loans.outbox UNION ALL SELECT seq, type, status, key FROM loans.outbox_archive) o WHERE key = $1 ORDER BY seq`,
          [projectId],
        );
        expect(rows).toEqual([
          { type: 'FundContributionRecorded', status: 'published' },
          { type: 'FundContributionRecorded', status: 'published' },
        ]);
      },
      { timeoutMs: 60000 },
    );
    expect((await d.figures(ctx.foundation, projectId).expect(200)).body).toMatchObject({ committedFen: 40_000_000, receivedFen: 40_000_000, arrivalRateBasisPoints: 10000, identityHolds: true });
  });
});
