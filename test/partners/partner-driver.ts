import { randomUUID } from 'node:crypto';
import { LoanDisbursed } from '@xingfu/contracts';
import { eventually } from '@xingfu/testing';
import { creditCodeCheckCharacter, CREDIT_CODE_CHARSET } from '../../apps/partners/src/domain/credit-code';
import { GuaranteeDriver } from '../guarantees/guarantee-driver';
import { ApprovalPlan } from '../support/intake';
import { IntakeContext } from '../support/intake-context';

/** A valid unified social credit code, new each time (the registry refuses a second partner with one). */
export function newCreditCode(): string {
  let body = '9145';
  for (let i = 0; i < 13; i++) body += CREDIT_CODE_CHARSET[Math.floor(Math.random() * CREDIT_CODE_CHARSET.length)];
  return body + creditCodeCheckCharacter(body);
}

export const companyBody = (county: string, o: object = {}) => ({
  name: '巴马香猪养殖有限公司',
  type: 'company',
  countyCode: county,
  contactName: '韦经理',
  contactPhone: '13800001111',
  creditCode: newCreditCode(),
  ...o,
});

/** The pig programme: breeding stock at 1,200 yuan a head advanced by the company, 120 days, 26.00 yuan/kg floor. */
export const pigProgramme = (projectId: string, o: object = {}) => ({
  projectId,
  input: '巴马香猪种猪',
  unitCostFen: 120000,
  costBorneBy: 'partner',
  growOutDays: 120,
  marketReferencePerKgFen: 2900,
  floorPricePerKgFen: 2600,
  deductionRule: 'delivered_cost',
  ...o,
});

/** 10 piglets, 152.345 kg at 28.00 yuan/kg, one breeding pig's cost deducted, 2,000 yuan withheld. */
export const buybackBody = (boughtOn: string, o: object = {}) => ({
  boughtOn,
  headCount: 10,
  totalWeightGrams: 152345,
  pricePerKgFen: 2800,
  marketReferencePerKgFen: 2900,
  grossFen: 426566,
  stockCostDeductionFen: 120000,
  loanWithheldFen: 200000,
  netPaidFen: 106566,
  ...o,
});

/** What a partners test does: register a partner and its programme, enrol approved mothers, and act as the partner. */
export class PartnerDriver {
  readonly g: GuaranteeDriver;

  constructor(private readonly ctx: IntakeContext) {
    this.g = new GuaranteeDriver(ctx);
  }

  sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.ctx.app.dataSource.query(query, params);
  }

  /** A company with the pig programme on the context's project, and a token of one of its users. */
  async partner(programme: object = {}): Promise<{ partnerId: string; token: string }> {
    const registered = await this.ctx.as(this.ctx.foundation).post('/partners', companyBody(this.ctx.county)).expect(201);
    const partnerId: string = registered.body.id;
    await this.ctx.as(this.ctx.manager).post(`/partners/${partnerId}/programmes`, pigProgramme(this.ctx.projectId, programme)).expect(201);
    return { partnerId, token: await this.ctx.app.tokenFor('partner', { partnerId }) };
  }

  plan(partnerId: string): ApprovalPlan {
    return { amountFen: 300000, termMonths: 12, repaymentPlan: { kind: 'bullet' }, disbursementMode: 'mixed', partnerId };
  }

  /** An application approved with the company model and this partner: its id and the enrolment the approval opened. */
  async enrolled(partnerId: string): Promise<{ applicationId: string; enrolmentId: string }> {
    const applicationId = await this.ctx.build.approved({ project: { industry: 'pig_raising', description: '饲养巴马香猪', requestedAmountFen: 300000, model: 'company', partnerId } }, this.plan(partnerId));
    return { applicationId, enrolmentId: await this.enrolmentOf(applicationId) };
  }

  enrolmentOf(applicationId: string): Promise<string> {
    return eventually(
      async () => {
        const [row] = await this.sql<{ id: string }>(`SELECT id FROM partners.enrolments WHERE application_id = $1`, [applicationId]);
        if (!row) throw new Error(`no enrolment for application ${applicationId} yet`);
        return row.id;
      },
      { timeoutMs: 60000 },
    );
  }

  /** Enrolled, accepted, two breeding pigs delivered today and acknowledged: ready for a buyback. */
  async delivered(partner: { partnerId: string; token: string }): Promise<{ applicationId: string; enrolmentId: string; deliveryId: string }> {
    const enrolled = await this.enrolled(partner.partnerId);
    await this.ctx.as(partner.token).post(`/enrolments/${enrolled.enrolmentId}/acceptance`).expect(201);
    const res = await this.ctx.as(partner.token).post(`/enrolments/${enrolled.enrolmentId}/deliveries`, { items: '巴马香猪种母猪', quantity: 2, unitCostFen: 120000, deliveredOn: this.ctx.clock.today() }).expect(201);
    const deliveryId: string = res.body.deliveries[0].id;
    await this.ctx.as(this.ctx.officer).post(`/deliveries/${deliveryId}/acknowledgement`, { acknowledgedOn: this.ctx.clock.today() }).expect(201);
    return { ...enrolled, deliveryId };
  }

  /** As loans will (until a disbursed loan is there): LoanDisbursed into the loans outbox, and partners has heard it. */
  async disbursedAsLoansWould(applicationId: string, o: { principalFen?: number; inKindFen?: number; partnerId: string; loanId?: string }): Promise<string> {
    const loanId = o.loanId ?? randomUUID();
    const principalFen = o.principalFen ?? 300000;
    const inKindFen = o.inKindFen ?? 0;
    await this.g.emit(LoanDisbursed, loanId, {
      loanId,
      applicationId,
      projectId: this.ctx.projectId,
      countyCode: this.ctx.county,
      townshipCode: this.ctx.township,
      villageCode: `${this.ctx.township}001`,
      industry: 'pig_raising',
      model: 'company',
      partnerId: o.partnerId,
      round: 1,
      disbursedOn: this.ctx.clock.today(),
      disbursementMode: 'mixed',
      principalFen,
      cashFen: principalFen - inKindFen,
      inKindFen,
      termMonths: 12,
      maturityDate: '2027-11-22',
    });
    await eventually(async () => expect(await this.sql(`SELECT 1 FROM partners.loans WHERE loan_id = $1`, [loanId])).toHaveLength(1), { timeoutMs: 60000 });
    return loanId;
  }

  /** The events an enrolment emitted, by type, in order, with their publication status. */
  events(enrolmentId: string, type?: string): Promise<{ type: string; status: string; payload: Record<string, any>; headers: Record<string, unknown> }[]> {
    return this.sql(
      `SELECT type, status, payload, headers FROM (SELECT seq, type, status, payload, headers, key FROM partners.outbox UNION ALL SELECT seq, type, status, payload, headers, key FROM partners.outbox_archive) o
        WHERE key = $1 AND ($2::text IS NULL OR type = $2) ORDER BY seq`,
      [enrolmentId, type ?? null],
    );
  }
}
