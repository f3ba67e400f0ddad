import { randomUUID } from 'node:crypto';
import { eventually } from '@xingfu/testing';
import { useIntakeContext } from '../support/intake-context';
import { PartnerDriver } from './partner-driver';

/** A partner user sees its own partner's enrolments and nothing else: not another partner's, not applications, loans or guarantees. */
describe('partners: scopes', () => {
  const ctx = useIntakeContext({ label: 'partnerscopes' });
  const d = new PartnerDriver(ctx);

  it('answers 404 when partner A reads or acts on partner B’s partner record, enrolments, deliveries and buybacks', async () => {
    const a = await d.partner();
    const b = await d.partner();
    const { applicationId, enrolmentId, deliveryId } = await d.delivered(b);
    await d.disbursedAsLoansWould(applicationId, { partnerId: b.partnerId });
    ctx.clock.set('2027-03-25');
    const bought = await ctx.as(b.token).post(`/enrolments/${enrolmentId}/buybacks`, { boughtOn: '2027-03-25', headCount: 10, totalWeightGrams: 100000, pricePerKgFen: 2800, marketReferencePerKgFen: 2900, grossFen: 280000, stockCostDeductionFen: 0, loanWithheldFen: 0, netPaidFen: 280000 }).expect(201);
    const buybackId = bought.body.buybacks[0].id;

    await ctx.as(b.token).get(`/enrolments/${enrolmentId}`).expect(200);
    await ctx.as(a.token).get(`/enrolments/${enrolmentId}`).expect(404);
    await ctx.as(a.token).get(`/partners/${b.partnerId}`).expect(404);
    await ctx.as(a.token).get(`/partners/${b.partnerId}/enrolments`).expect(404);
    expect((await ctx.as(a.token).get(`/partners/${a.partnerId}/enrolments`).expect(200)).body).toMatchObject({ total: 0, items: [] });
    expect((await ctx.as(b.token).get(`/partners/${b.partnerId}/enrolments`).expect(200)).body).toMatchObject({ total: 1, items: [{ id: enrolmentId }] });
    await ctx.as(a.token).post(`/enrolments/${enrolmentId}/refusal`, { reason: '不是我的' }).expect(404);
    await ctx.as(a.token).post(`/enrolments/${enrolmentId}/deliveries`, { items: '种猪', quantity: 1, unitCostFen: 1, deliveredOn: '2027-03-25' }).expect(404);
    await ctx.as(a.token).post(`/enrolments/${enrolmentId}/buybacks`, {}).expect(404);
    await ctx.as(a.token).post(`/deliveries/${deliveryId}/acknowledgement`, { acknowledgedOn: '2027-03-25' }).expect(404);
    await ctx.as(a.token).post(`/buybacks/${buybackId}/confirmation`).expect(404);
    // Inside its own scope a partner may know the record but not act for the officer: 403.
    await ctx.as(b.token).post(`/buybacks/${buybackId}/confirmation`).expect(403);
    // A partner user without a partner sees nothing; an officer of another township neither.
    const stray = await ctx.app.tokenFor('partner');
    await ctx.as(stray).get(`/enrolments/${enrolmentId}`).expect(404);
    const elsewhere = await ctx.app.tokenFor('officer', { townships: [`${ctx.county}999`] });
    await ctx.as(elsewhere).get(`/enrolments/${enrolmentId}`).expect(404);
    await ctx.as(ctx.officer).get(`/enrolments/${enrolmentId}`).expect(200);
    await ctx.as(ctx.manager).get(`/partners/${b.partnerId}/enrolments`).expect(200);
  });

  it('gives a partner user nothing of applications, loans or guarantees, even of a mother enrolled with it', async () => {
    const partner = await d.partner();
    const { applicationId } = await d.enrolled(partner.partnerId);
    const guaranteeId = await d.g.guaranteeIdOf(applicationId);
    const loanId = await eventually(
      async () => {
        const [row] = await d.sql<{ id: string }>(`SELECT id FROM loans.loans WHERE application_id = $1`, [applicationId]);
        if (!row) throw new Error(`no loan for ${applicationId} yet`);
        return row.id;
      },
      { timeoutMs: 60000 },
    );
    // The same records are there for the foundation...
    await ctx.as(ctx.foundation).get(`/applications/${applicationId}`).expect(200);
    await ctx.as(ctx.foundation).get(`/guarantees/${guaranteeId}`).expect(200);
    // (The loan is there: its officer reaches the repayment route and is told only what is wrong with the body.)
    const repay = (token: string) => ctx.app.http().post(`/api/v1/loans/${loanId}/repayments`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', randomUUID()).send({});
    await repay(ctx.officer).expect(400);
    // ...and not for the partner: records 404, lists 404 or 403, writes 403 or 404.
    await ctx.as(partner.token).get(`/applications/${applicationId}`).expect(404);
    await ctx.as(partner.token).get(`/guarantees/${guaranteeId}`).expect(404);
    await ctx.as(partner.token).get(`/loans/${loanId}`).expect(404);
    await repay(partner.token).expect(404);
    for (const list of ['/applications', '/guarantees', '/loans']) {
      const res = await ctx.as(partner.token).get(list);
      expect({ list, status: res.status, items: res.status === 200 ? res.body.items : undefined }).toEqual({ list, status: expect.any(Number), items: res.status === 200 ? [] : undefined });
      expect([200, 403, 404]).toContain(res.status);
    }
    expect([403, 404]).toContain((await ctx.as(partner.token).post(`/loans/${loanId}/agreement`, { signedOn: ctx.today })).status);
    expect([403, 404]).toContain((await ctx.as(partner.token).post(`/guarantees/${guaranteeId}/parties/township/signature`, { signerName: '我', office: '我', signedOn: ctx.today })).status);
    expect([403, 404]).toContain((await ctx.as(partner.token).post(`/applications/${applicationId}/credit-assessment`, { components: { honesty: 90, labour: 80, income: 50 }, evidence: 'x' })).status);
  });
});
