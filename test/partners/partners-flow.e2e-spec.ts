import { eventually } from '@xingfu/testing';
import { useIntakeContext } from '../support/intake-context';
import { buybackBody, companyBody, PartnerDriver } from './partner-driver';

/**
 * A partner's life with one mother, over the real routes: registered with its programme, the
 * approval enrols her, the partner accepts and delivers, the officer acknowledges, buybacks are
 * checked to the fen, confirmed, or disputed and settled. Over Kafka the broker checks every
 * event against the AsyncAPI document.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('partners: enrolment, deliveries and buybacks (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'partnersflow', kafka });
  const d = new PartnerDriver(ctx);

  it('registers a company only with a valid credit code, and a programme only with a coherent deduction', async () => {
    const bad = await ctx.as(ctx.foundation).post('/partners', companyBody(ctx.county, { creditCode: '91350100M000100Y44' })).expect(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', details: { creditCode: ['the check character should be 3 (GB 32100)'] } });
    await ctx.as(ctx.foundation).post('/partners', companyBody(ctx.county, { creditCode: undefined })).expect(400);
    await ctx.as(ctx.officer).post('/partners', companyBody(ctx.county)).expect(403);
    const leadFarmer = await ctx.as(ctx.manager).post('/partners', companyBody(ctx.county, { type: 'lead_farmer', name: '李师傅', creditCode: undefined })).expect(201);
    expect(leadFarmer.body).toMatchObject({ type: 'lead_farmer', creditCode: null, countyCode: ctx.county });
    const company = await ctx.as(ctx.foundation).post('/partners', companyBody(ctx.county, { creditCode: '91350100M000100Y43' })).expect(201);
    await ctx.as(ctx.foundation).post('/partners', companyBody(ctx.county, { creditCode: '91350100M000100Y43' })).expect(409);
    const programme = { projectId: ctx.projectId, input: '种猪', unitCostFen: 120000, costBorneBy: 'fund', growOutDays: 120, marketReferencePerKgFen: 2900, floorPricePerKgFen: 2600, deductionRule: 'delivered_cost' };
    const refused = await ctx.as(ctx.manager).post(`/partners/${company.body.id}/programmes`, programme).expect(400);
    expect(refused.body.details).toHaveProperty('deductionRule');
    const added = await ctx.as(ctx.manager).post(`/partners/${company.body.id}/programmes`, { ...programme, deductionRule: 'none' }).expect(201);
    expect(added.body.programmes).toEqual([expect.objectContaining({ costBorneBy: 'fund', growOutDays: 120, buybackPrice: { marketReferencePerKgFen: 2900, floorPricePerKgFen: 2600 } })]);
    await ctx.as(ctx.manager).post(`/partners/${company.body.id}/programmes`, { ...programme, deductionRule: 'none' }).expect(409);
    const events = await d.sql<{ type: string }>(`SELECT type FROM partners.outbox WHERE key = $1 UNION ALL SELECT type FROM partners.outbox_archive WHERE key = $1`, [company.body.id]);
    expect(events).toEqual([{ type: 'PartnerRegistered' }]);
  });

  it('enrols the approved mother pending the partner, who accepts, delivers, and records buybacks that add up; only a confirmed one emits BuybackConfirmed', async () => {
    const partner = await d.partner();
    const { applicationId, enrolmentId } = await d.enrolled(partner.partnerId);
    const pending = (await ctx.as(partner.token).get(`/enrolments/${enrolmentId}`).expect(200)).body;
    expect(pending).toMatchObject({ status: 'pending', applicationId, partnerId: partner.partnerId, expectedBuybackDate: null });
    expect(pending.motherNameMasked).toMatch(/\*/);
    expect(JSON.stringify(pending)).not.toMatch(/idNumber|phone/i);

    expect((await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/deliveries`, { items: '种猪', quantity: 2, unitCostFen: 120000, deliveredOn: ctx.today }).expect(409)).body).toMatchObject({
      code: 'illegal_step',
      details: { currentState: 'pending', allowedSteps: ['accept', 'refuse'] },
    });
    await ctx.as(ctx.officer).post(`/enrolments/${enrolmentId}/acceptance`).expect(403);
    await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/acceptance`).expect(201);
    await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/refusal`, { reason: '迟了' }).expect(409);

    const delivered = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/deliveries`, { items: '巴马香猪种母猪', quantity: 2, unitCostFen: 120000, deliveredOn: ctx.today }).expect(201);
    expect(delivered.body).toMatchObject({ expectedBuybackDate: '2027-03-22', buybackOverdueFrom: '2027-04-21', inKind: { deliveredFen: 240000, acknowledgedFen: 0 } });
    const deliveryId = delivered.body.deliveries[0].id;
    await ctx.as(partner.token).post(`/deliveries/${deliveryId}/acknowledgement`, { acknowledgedOn: ctx.today }).expect(403);
    await ctx.as(ctx.officer).post(`/deliveries/${deliveryId}/acknowledgement`, { acknowledgedOn: '2026-11-21' }).expect(400);
    await ctx.as(ctx.officer).post(`/deliveries/${deliveryId}/acknowledgement`, { acknowledgedOn: ctx.today }).expect(201);
    await ctx.as(ctx.officer).post(`/deliveries/${deliveryId}/acknowledgement`, { acknowledgedOn: ctx.today }).expect(409);

    // No loan out yet: nothing may be withheld.
    ctx.clock.set('2027-03-25');
    const early = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25')).expect(400);
    expect(Object.keys(early.body.details)).toEqual(['loanWithheldFen']);
    await d.disbursedAsLoansWould(applicationId, { partnerId: partner.partnerId });
    const refusal = async (o: object) => Object.keys((await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25', o)).expect(400)).body.details);
    expect(await refusal({ netPaidFen: 106567 })).toEqual(['netPaidFen']);
    expect(await refusal({ pricePerKgFen: 2599, grossFen: 395945, netPaidFen: 75945 })).toEqual(['pricePerKgFen']);
    expect(await refusal({ loanWithheldFen: 300001, netPaidFen: 6565 })).toEqual(['loanWithheldFen']);
    expect(await refusal({ stockCostDeductionFen: 240001, loanWithheldFen: 0, netPaidFen: 186565 })).toEqual(['stockCostDeductionFen']);
    expect(await refusal({ stockCostDeductionFen: 200000, loanWithheldFen: 300000, netPaidFen: 0 })).toEqual(['netPaidFen']);

    const recorded = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25')).expect(201);
    const firstId = recorded.body.buybacks[0].id;
    expect(recorded.body).toMatchObject({ status: 'bought_back', buybacks: [{ status: 'recorded', grossFen: 426566, netPaidFen: 106566 }], netPaidFen: 0 });
    // Withheld on the way (200,000) counts against the outstanding until loans answers it.
    expect(await refusal({ stockCostDeductionFen: 0, loanWithheldFen: 100001, netPaidFen: 326565 })).toEqual(['loanWithheldFen']);
    await ctx.as(partner.token).post(`/buybacks/${firstId}/confirmation`).expect(403);
    await ctx.as(ctx.officer).post(`/buybacks/${firstId}/confirmation`).expect(201);
    await ctx.as(ctx.officer).post(`/buybacks/${firstId}/dispute`, { reason: '晚了' }).expect(409);

    const second = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25', { loanWithheldFen: 50000, netPaidFen: 256566 })).expect(201);
    const secondId = second.body.buybacks[1].id;
    await ctx.as(ctx.officer).post(`/buybacks/${secondId}/dispute`, { reason: '过磅重量与农户记录不符' }).expect(201);
    expect((await d.events(enrolmentId, 'BuybackConfirmed')).map((e) => e.payload.buybackId)).toEqual([firstId]);
    await ctx.as(ctx.officer).post(`/buybacks/${secondId}/settlement`, { outcome: 'upheld', reason: '复称' }).expect(403);
    await ctx.as(ctx.manager).post(`/buybacks/${secondId}/settlement`, { outcome: 'corrected', reason: '复称' }).expect(400);
    const corrected = { headCount: 10, totalWeightGrams: 150200, pricePerKgFen: 2800, marketReferencePerKgFen: 2900, grossFen: 420560, stockCostDeductionFen: 120000, loanWithheldFen: 50000, netPaidFen: 250560 };
    expect((await ctx.as(ctx.manager).post(`/buybacks/${secondId}/settlement`, { outcome: 'corrected', reason: '复称', figures: { ...corrected, netPaidFen: 250561 } }).expect(400)).body.details).toHaveProperty('netPaidFen');
    const settled = await ctx.as(ctx.manager).post(`/buybacks/${secondId}/settlement`, { outcome: 'corrected', reason: '复称后确认重量为 150.2 公斤', figures: corrected }).expect(201);
    expect(settled.body.buybacks[1]).toMatchObject({ status: 'confirmed', settlementOutcome: 'corrected', totalWeightGrams: 150200, netPaidFen: 250560 });
    expect(settled.body).toMatchObject({ netPaidFen: 106566 + 250560, loanWithheldFen: 250000 });

    const confirmed = await d.events(enrolmentId, 'BuybackConfirmed');
    expect(confirmed.map((e) => [e.payload.buybackId, e.payload.figures.loanWithheldFen])).toEqual([[firstId, 200000], [secondId, 50000]]);
    expect(confirmed[0].payload).toMatchObject({ applicationId, partnerId: partner.partnerId, boughtOn: '2027-03-25', confirmedOn: '2027-03-25' });

    const list = (await ctx.as(partner.token).get(`/partners/${partner.partnerId}/enrolments`).expect(200)).body;
    expect(list).toMatchObject({ total: 1, items: [{ id: enrolmentId, netPaidFen: 357126, expectedBuybackDate: '2027-03-22', inKind: { loanInKindFen: 0, differs: false } }] });
    expect(JSON.stringify(list)).not.toMatch(/idNumber|phone/i);

    await eventually(
      async () =>
        expect(await d.events(enrolmentId)).toEqual(
          ['EnrolmentAccepted', 'InputsDelivered', 'DeliveryAcknowledged', 'BuybackRecorded', 'BuybackConfirmed', 'BuybackRecorded', 'BuybackDisputed', 'BuybackDisputeSettled', 'BuybackConfirmed'].map((type) =>
            expect.objectContaining({ type, status: 'published' }),
          ),
        ),
      { timeoutMs: 60000 },
    );
  });

  it('shows the loan’s in-kind part beside the acknowledged deliveries when the fund bears the cost, and flags a difference', async () => {
    const partner = await d.partner({ costBorneBy: 'fund', deductionRule: 'none' });
    const { applicationId, enrolmentId } = await d.enrolled(partner.partnerId);
    await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/acceptance`).expect(201);
    const delivered = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/deliveries`, { items: '种猪', quantity: 2, unitCostFen: 120000, deliveredOn: ctx.today }).expect(201);
    await d.disbursedAsLoansWould(applicationId, { partnerId: partner.partnerId, inKindFen: 240000 });
    expect((await ctx.as(ctx.officer).get(`/enrolments/${enrolmentId}`).expect(200)).body.inKind).toEqual({ loanInKindFen: 240000, deliveredFen: 240000, acknowledgedFen: 0, inKindExpectedFen: 0, differenceFen: 240000, differs: true });
    await ctx.as(ctx.officer).post(`/deliveries/${delivered.body.deliveries[0].id}/acknowledgement`, { acknowledgedOn: ctx.today }).expect(201);
    expect((await ctx.as(partner.token).get(`/enrolments/${enrolmentId}`).expect(200)).body.inKind).toMatchObject({ acknowledgedFen: 240000, differenceFen: 0, differs: false });
    // The fund bore the cost: the buyback deducts nothing.
    ctx.clock.set('2027-03-25');
    const deducting = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25')).expect(400);
    expect(Object.keys(deducting.body.details)).toEqual(['stockCostDeductionFen']);
  });

  it('lets the partner refuse a mother, with a reason', async () => {
    const partner = await d.partner();
    const { enrolmentId } = await d.enrolled(partner.partnerId);
    await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/refusal`, { reason: ' ' }).expect(400);
    const refused = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/refusal`, { reason: '猪舍条件不符合防疫要求' }).expect(201);
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: '猪舍条件不符合防疫要求' });
    await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/acceptance`).expect(409);
    expect((await d.events(enrolmentId)).map((e) => e.type)).toEqual(['EnrolmentRefused']);
  });
});
