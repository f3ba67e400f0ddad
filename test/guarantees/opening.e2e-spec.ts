import { randomUUID } from 'node:crypto';
import { ApplicationApproved, ApplicationApprovedV1, LoanDefaulted, LoanRepaid, RepaymentPosted } from '@xingfu/contracts';
import { eventually } from '@xingfu/testing';
import { useIntakeContext } from '../support/intake-context';
import { GuaranteeDriver, householdBody } from './guarantee-driver';

const CONSUMER = 'guarantees.open-guarantee-when-application-approved';

describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('guarantees: an approval opens one guarantee (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'guaranteeopen', kafka });
  const d = new GuaranteeDriver(ctx);

  it('opens a guarantee with the township and village named and the household not yet, once however often ApplicationApproved comes', async () => {
    const { applicationId, guaranteeId } = await d.opened();
    const [row] = await d.sql<{ status: string; deadline: string; opened_on: string; mother_id_hash: string | null; township_code: string }>(
      `SELECT status, deadline::text, opened_on::text, mother_id_hash, township_code FROM guarantees.guarantees WHERE id = $1`,
      [guaranteeId],
    );
    expect(row).toMatchObject({ status: 'open', opened_on: ctx.today, deadline: '2026-12-06', township_code: ctx.township });
    expect(row.mother_id_hash).toMatch(/^[0-9a-f]{64}$/);
    const parties = await d.sql(`SELECT role, status FROM guarantees.parties WHERE guarantee_id = $1 ORDER BY role`, [guaranteeId]);
    expect(parties).toEqual([
      { role: 'household', status: 'unnamed' },
      { role: 'township', status: 'pending' },
      { role: 'village', status: 'pending' },
    ]);

    const [approved] = await d.sql<{ payload: ApplicationApprovedV1; event_id: string }>(
      `SELECT payload, event_id FROM (SELECT payload, event_id, type, key FROM applications.outbox UNION ALL SELECT payload, event_id, type, key FROM applications.outbox_archive) o
        WHERE type = 'ApplicationApproved' AND key = $1`,
      [applicationId],
    );
    // The same event again is a duplicate for the inbox; the approval reported once more (a new event id) opens nothing either.
    const again = await d.emit(ApplicationApproved, applicationId, approved.payload);
    await eventually(
      async () => expect(await d.sql(`SELECT 1 FROM guarantees.inbox WHERE consumer = $1 AND event_id = $2`, [CONSUMER, again.eventId])).toHaveLength(1),
      { timeoutMs: 60000 },
    );
    if (!kafka) expect(await ctx.app.messaging.replay(CONSUMER, again)).toBe('duplicate');
    expect(await d.sql(`SELECT id FROM guarantees.guarantees WHERE application_id = $1`, [applicationId])).toHaveLength(1);
    const opened = await d.events(guaranteeId, 'GuaranteeOpened');
    expect(opened).toHaveLength(1);
    expect(opened[0].payload).toMatchObject({ guaranteeId, applicationId, townshipCode: ctx.township, openedOn: ctx.today, deadline: '2026-12-06' });
    expect(await d.sql(`SELECT error FROM guarantees.dead_letters WHERE consumer = $1`, [CONSUMER])).toEqual([]);
  });

  it('publishes every event of a guarantee’s life, each within its contract (over Kafka the broker checks it)', async () => {
    const { guaranteeId, applicationId } = await d.opened();
    await d.nameHousehold(guaranteeId).expect(200);
    await ctx.as(ctx.officer).post(`/guarantees/${guaranteeId}/parties/household/decline`, { reason: '不愿担保' }).expect(201);
    await d.nameHousehold(guaranteeId, householdBody(ctx.county)).expect(200);
    for (const role of ['township', 'village', 'household']) await d.sign(guaranteeId, role).expect(201);
    const loanId = randomUUID();
    await d.emit(LoanDefaulted, loanId, { loanId, applicationId, projectId: ctx.projectId, defaultedOn: '2027-03-01', daysPastDue: 91, overdueFen: 150000, outstandingPrincipalFen: 300000 });
    await eventually(async () => expect((await d.get(guaranteeId).expect(200)).body.status).toBe('invoked'), { timeoutMs: 60000 });
    await d.emit(RepaymentPosted, loanId, { repaymentId: randomUUID(), loanId, applicationId, projectId: ctx.projectId, postedOn: '2027-03-10', amountFen: 150000, feeFen: 0, principalFen: 150000, outstandingPrincipalFen: 150000, source: 'guarantor', guarantorRole: 'household' });
    await d.emit(LoanRepaid, loanId, { loanId, applicationId, projectId: ctx.projectId, repaidOn: '2027-03-10', principalFen: 300000 });
    await eventually(async () => expect((await d.get(guaranteeId).expect(200)).body).toMatchObject({ status: 'released', outcome: 'released' }), { timeoutMs: 60000 });
    await eventually(
      async () => {
        const rows = await d.sql<{ type: string; status: string }>(
          `SELECT type, status FROM (SELECT seq, type, status, key FROM guarantees.outbox UNION ALL SELECT seq, type, status, key FROM guarantees.outbox_archive) o WHERE key = $1 ORDER BY seq`,
          [guaranteeId],
        );
        expect(rows).toEqual(
          ['GuaranteeOpened', 'GuarantorDeclined', 'GuarantorReplaced', 'GuarantorSigned', 'GuarantorSigned', 'GuarantorSigned', 'GuaranteeEffective', 'GuaranteeInvoked', 'GuaranteeReleased'].map((type) => ({
            type,
            status: 'published',
          })),
        );
      },
      { timeoutMs: 60000 },
    );
    expect((await d.events(guaranteeId, 'GuaranteeReleased'))[0].payload).toMatchObject({ paidByGuarantorsFen: 150000 });
  });
});
