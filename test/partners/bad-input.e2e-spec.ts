import { describeFieldByField, Fixture, RouteCase } from '../support/field-by-field';
import { useIntakeContext } from '../support/intake-context';
import { buybackBody, companyBody, PartnerDriver, pigProgramme } from './partner-driver';

/**
 * The partners service's routes, field by field (test/support/field-by-field.ts): never a 5xx,
 * always the one error shape. One company with the pig programme acts as the partner; its
 * enrolments, deliveries and buybacks are made through the real routes (PartnerDriver), the
 * loan a buyback withholds for by LoanDisbursed as loans would emit it.
 */
describe('every partners route, field by field: never a 5xx, always the one error shape', () => {
  const today = '2026-11-22';
  /** After the 120 days' grow-out of a delivery made today: when a buyback may be recorded. */
  const boughtOn = '2027-03-25';
  const ctx = useIntakeContext({ label: 'partnersbadinput', today });
  const d = new PartnerDriver(ctx);
  let company: Promise<{ partnerId: string; token: string }> | undefined;
  const partner = () => (company ??= d.partner());
  const partnerToken = async () => (await partner()).token;

  const enrolled = async () => (await d.enrolled((await partner()).partnerId));
  const accepted = async () => {
    const e = await enrolled();
    await ctx.as(await partnerToken()).post(`/enrolments/${e.enrolmentId}/acceptance`).expect(201);
    return e;
  };
  const undelivered = async (): Promise<Fixture> => {
    const e = await accepted();
    const res = await ctx.as(await partnerToken()).post(`/enrolments/${e.enrolmentId}/deliveries`, { items: '巴马香猪种母猪', quantity: 2, unitCostFen: 120000, deliveredOn: today }).expect(201);
    return { id: res.body.deliveries[0].id };
  };
  /** Delivered, acknowledged and its loan out: ready for a buyback. */
  const readyForBuyback = async (): Promise<Fixture> => {
    const p = await partner();
    const e = await d.delivered(p);
    await d.disbursedAsLoansWould(e.applicationId, { partnerId: p.partnerId });
    return { id: e.enrolmentId };
  };
  const recorded = async (): Promise<Fixture> => {
    const { id } = await readyForBuyback();
    ctx.clock.set(boughtOn);
    const res = await ctx.as(await partnerToken()).post(`/enrolments/${id}/buybacks`, buybackBody(boughtOn)).expect(201);
    return { id: res.body.buybacks[0].id };
  };
  const disputed = async (): Promise<Fixture> => {
    const f = await recorded();
    await ctx.as(ctx.officer).post(`/buybacks/${f.id}/dispute`, { reason: '过磅重量与农户记录不符' }).expect(201);
    return f;
  };
  const { boughtOn: _, ...figures } = buybackBody(boughtOn);

  const ROUTES: RouteCase[] = [
    { route: 'POST /api/v1/partners', as: 'foundation', body: () => companyBody(ctx.county) },
    {
      route: 'POST /api/v1/partners/{id}/programmes',
      as: 'manager',
      fixture: async () => ({ id: (await ctx.as(ctx.foundation).post('/partners', companyBody(ctx.county)).expect(201)).body.id }),
      body: () => pigProgramme(ctx.projectId),
    },
    { route: 'GET /api/v1/partners/{id}', as: 'manager', fixture: async () => ({ id: (await partner()).partnerId }), keepsFixture: true },
    {
      route: 'GET /api/v1/partners/{id}/enrolments',
      as: 'manager',
      fixture: async () => ({ id: (await partner()).partnerId }),
      query: () => ({ status: 'pending', page: '1', pageSize: '10' }),
      keepsFixture: true,
    },
    { route: 'GET /api/v1/enrolments/{id}', as: partnerToken, fixture: async () => ({ id: (await enrolled()).enrolmentId }), keepsFixture: true },
    { route: 'POST /api/v1/enrolments/{id}/acceptance', as: partnerToken, fixture: async () => ({ id: (await enrolled()).enrolmentId }) },
    { route: 'POST /api/v1/enrolments/{id}/refusal', as: partnerToken, fixture: async () => ({ id: (await enrolled()).enrolmentId }), body: () => ({ reason: '饲养条件不足' }) },
    {
      route: 'POST /api/v1/enrolments/{id}/deliveries',
      as: partnerToken,
      fixture: async () => ({ id: (await accepted()).enrolmentId }),
      body: () => ({ items: '巴马香猪种母猪', quantity: 2, unitCostFen: 120000, deliveredOn: today }),
    },
    { route: 'POST /api/v1/deliveries/{id}/acknowledgement', as: 'officer', fixture: undelivered, body: () => ({ acknowledgedOn: today }) },
    { route: 'POST /api/v1/enrolments/{id}/buybacks', as: partnerToken, fixture: readyForBuyback, on: () => boughtOn, body: () => buybackBody(boughtOn) },
    { route: 'POST /api/v1/buybacks/{id}/confirmation', as: 'officer', fixture: recorded, on: () => boughtOn },
    { route: 'POST /api/v1/buybacks/{id}/dispute', as: 'officer', fixture: recorded, on: () => boughtOn, body: () => ({ reason: '过磅重量与农户记录不符' }) },
    {
      route: 'POST /api/v1/buybacks/{id}/settlement',
      as: 'manager',
      fixture: disputed,
      on: () => boughtOn,
      body: () => ({ outcome: 'corrected', reason: '复称后确认', figures: { ...figures, totalWeightGrams: 150200, grossFen: 420560, netPaidFen: 100560 } }),
    },
  ];

  describeFieldByField('partners', ctx, ROUTES, { today, documented: /^\/api\/v1\/(partners|enrolments|deliveries|buybacks)/ });
});
