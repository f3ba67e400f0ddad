import { TokenService } from '@xingfu/auth';
import { Role } from '@xingfu/kernel';
import { eventually } from '@xingfu/testing';
import { GuaranteeDriver } from '../guarantees/guarantee-driver';
import { ApprovalPlan, PLAIN_APPROVAL, SurveyOverrides } from '../support/intake';
import { IntakeContext } from '../support/intake-context';
import { FundDriver } from './fund-driver';

/** A UnionPay benefit card number with a good check digit (16 digits). */
export const MOTHER_CARD = '6212345678901232';
/** The name every survey of the intake builder gives the mother (surveyBody), as on her card. */
export const MOTHER_NAME = '王秀梅';

export interface LoanRef {
  applicationId: string;
  loanId: string;
}

export interface DisbursedLoanOptions {
  plan?: ApprovalPlan;
  survey?: SurveyOverrides;
  /** Put the loan's amount into the fund first (default true). */
  fund?: boolean;
  /** Overrides of the disbursement body (date, round, cash, inKind). */
  body?: Record<string, unknown>;
  /** Who pays it out (default the context's project manager, not the officer who signed). */
  token?: string;
}

/**
 * What a loans test does besides the intake context: an approved application's loan, its
 * guarantee made effective (through guarantees' routes), the agreement signed, money put into
 * the project's fund (through the fund's contributions route) and the loan paid out, each step
 * through the real routes and consumers.
 */
export class LoanDriver {
  readonly guarantees: GuaranteeDriver;
  readonly fund: FundDriver;
  private fundOpen = new Map<string, Promise<string>>();
  private secondManager?: Promise<string>;

  constructor(private readonly ctx: IntakeContext) {
    this.guarantees = new GuaranteeDriver(ctx);
    this.fund = new FundDriver(ctx);
  }

  sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.ctx.app.dataSource.query(query, params);
  }

  /** The loan ApplicationApproved created, once the consumer has run (and, if given, once it is in that status). */
  loanIdOf(applicationId: string, status?: string): Promise<string> {
    return eventually(
      async () => {
        const [row] = await this.sql<{ id: string; status: string }>(`SELECT id, status FROM loans.loans WHERE application_id = $1`, [applicationId]);
        if (!row) throw new Error(`no loan for application ${applicationId} yet`);
        if (status && row.status !== status) throw new Error(`loan ${row.id} is ${row.status}, not ${status} yet`);
        return row.id;
      },
      { timeoutMs: 60000 },
    );
  }

  /** An approved application and its loan, awaiting its guarantee. */
  async approvedLoan(plan: ApprovalPlan = PLAIN_APPROVAL, survey: SurveyOverrides = {}): Promise<LoanRef> {
    const applicationId = await this.ctx.build.approved(survey, plan);
    return { applicationId, loanId: await this.loanIdOf(applicationId) };
  }

  /** Its three-party guarantee named and signed by all three: the loan awaits its agreement. */
  async effectiveLoan(plan: ApprovalPlan = PLAIN_APPROVAL, survey: SurveyOverrides = {}): Promise<LoanRef & { guaranteeId: string }> {
    const { applicationId } = await this.approvedLoan(plan, survey);
    const guaranteeId = await this.guarantees.guaranteeIdOf(applicationId);
    await this.guarantees.nameHousehold(guaranteeId).expect(200);
    for (const role of ['township', 'village', 'household']) await this.guarantees.sign(guaranteeId, role).expect(201);
    return { applicationId, guaranteeId, loanId: await this.loanIdOf(applicationId, 'awaiting_agreement') };
  }

  signAgreement(loanId: string, body: object = { signedOn: this.ctx.clock.today() }, token = this.ctx.officer) {
    return this.ctx.as(token).post(`/loans/${loanId}/agreement`, body);
  }

  /** The agreement signed by the context's officer. */
  async signedLoan(plan: ApprovalPlan = PLAIN_APPROVAL, survey: SurveyOverrides = {}): Promise<LoanRef & { guaranteeId: string }> {
    const loan = await this.effectiveLoan(plan, survey);
    await this.signAgreement(loan.loanId).expect(201);
    return loan;
  }

  /** Makes loans know the project and open its fund (once per project and driver). */
  openFund(projectId = this.ctx.projectId): Promise<string> {
    let opened = this.fundOpen.get(projectId);
    if (!opened) {
      opened = this.fund.openFund(projectId, this.ctx.county);
      this.fundOpen.set(projectId, opened);
    }
    return opened;
  }

  /** Money received into the fund from the foundation, through the contributions route. */
  async fundWith(amountFen: number, projectId = this.ctx.projectId, round?: number): Promise<void> {
    await this.openFund(projectId);
    const res = await this.fund.contribute({ amountFen, source: 'foundation', stage: 'received', date: this.ctx.clock.today(), ...(round ? { round } : {}) }, this.ctx.foundation, projectId);
    if (res.status !== 201) throw new Error(`the contribution answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  /** The fund's cash, as the ledger has it. */
  async availableFen(projectId = this.ctx.projectId): Promise<number> {
    const [row] = await this.sql<{ sum: string | null }>(`SELECT SUM(amount_fen) AS sum FROM loans.ledger_lines WHERE project_id = $1 AND account = 'fund_cash'`, [projectId]);
    return Number(row?.sum ?? 0);
  }

  /** A disbursement body for a loan of `amountFen` paid as the plan's mode says: cash to her card, inputs from the partner, or half each. */
  disbursementBody(plan: ApprovalPlan = PLAIN_APPROVAL, o: Record<string, unknown> = {}) {
    const cash = (amountFen: number) => ({ amountFen, cardNumber: MOTHER_CARD, cardHolderName: MOTHER_NAME });
    const inKind = (valueFen: number) => ({ partnerId: plan.partnerId ?? 'bama-pig-co', items: [{ name: '巴马香猪种猪', quantity: 2, unit: '头', valueFen }], valueFen });
    const half = Math.floor(plan.amountFen / 2);
    const parts =
      plan.disbursementMode === 'in_kind'
        ? { inKind: inKind(plan.amountFen) }
        : plan.disbursementMode === 'mixed'
          ? { cash: cash(plan.amountFen - half), inKind: inKind(half) }
          : { cash: cash(plan.amountFen) };
    return { date: this.ctx.clock.today(), round: 1, ...parts, ...o };
  }

  disburse(loanId: string, body: object, token = this.ctx.manager) {
    return this.ctx.as(token).post(`/loans/${loanId}/disbursement`, body);
  }

  /** Signed, the fund topped up by its amount (unless told not to), and paid out: an active loan with its schedule. */
  async disbursedLoan(o: DisbursedLoanOptions = {}): Promise<LoanRef & { guaranteeId: string; loan: Record<string, any> }> {
    const plan = o.plan ?? PLAIN_APPROVAL;
    const signed = await this.signedLoan(plan, o.survey);
    if (o.fund ?? true) await this.fundWith(plan.amountFen);
    const res = await this.disburse(signed.loanId, this.disbursementBody(plan, o.body), o.token);
    if (res.status !== 201) throw new Error(`the disbursement answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { ...signed, loan: res.body };
  }

  get(loanId: string, token = this.ctx.officer, query = '') {
    return this.ctx.as(token).get(`/loans/${loanId}${query}`);
  }

  list(query = '', token = this.ctx.manager) {
    return this.ctx.as(token).get(`/loans${query}`);
  }

  /** Another project manager of the context's county (the context has one). */
  otherManager(): Promise<string> {
    return (this.secondManager ??= this.ctx.app.tokenFor('project_manager', { counties: [this.ctx.county] }));
  }

  /** A token for the same user as `token` in another role, e.g. an officer promoted to the county's project office. */
  sameUserAs(token: string, role: Role, scopes: { townships?: string[]; counties?: string[] } = {}): Promise<string> {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string; username: string };
    return this.ctx.app.app.get(TokenService).issue({ id: claims.sub, username: claims.username, role, townships: scopes.townships ?? [], counties: scopes.counties ?? [], partnerId: null });
  }

  /** The events a loan emitted, by type, in order. */
  async events(loanId: string, type?: string): Promise<{ type: string; payload: Record<string, any>; headers: Record<string, unknown> }[]> {
    return this.sql(
      `SELECT type, payload, headers FROM (SELECT seq, type, payload, headers, key FROM loans.outbox UNION ALL SELECT seq, type, payload, headers, key FROM loans.outbox_archive) o
        WHERE key = $1 AND ($2::text IS NULL OR type = $2) ORDER BY seq`,
      [loanId, type ?? null],
    );
  }
}
