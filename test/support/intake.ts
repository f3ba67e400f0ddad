import { randomInt, randomUUID } from 'node:crypto';
import { addDays, ManualClock } from '@xingfu/common';
import { newResidentId, TestApp } from '@xingfu/testing';
import { Response } from 'supertest';
import { DataSource } from 'typeorm';

/** A policy like Muling's: 1,000–50,000 yuan, 4–36 months, interest-free, 70/20/10 credit weights. */
export const MULING_POLICY = {
  aidStandard: { incomeCeilingFenPerCapita: 300000, minAge: 18, maxAge: 65, familyPlanningStatuses: ['compliant', 'one_child', 'two_daughters'] },
  loanPolicy: {
    minAmountFen: 100000,
    maxAmountFen: 5000000,
    minTermMonths: 4,
    maxTermMonths: 36,
    repaymentPlans: ['bullet', 'equal_monthly', 'custom'],
    chargeKind: 'none',
    rateBasisPoints: 0,
    defaultGraceDays: 0,
  },
  creditGrades: [
    { grade: 'A', minScore: 85, maxScore: 100, ceilingFen: 5000000 },
    { grade: 'B', minScore: 70, maxScore: 84, ceilingFen: 3000000 },
    { grade: 'C', minScore: 60, maxScore: 69, ceilingFen: 1000000 },
    { grade: 'D', minScore: 0, maxScore: 59, ceilingFen: 0 },
  ],
  creditWeights: { honesty: 70, labour: 20, income: 10 },
  publicNoticeDays: 7,
};

/** A project straight into the database, for tests that are not about projects. */
export async function seedProject(dataSource: DataSource, countyCode: string): Promise<string> {
  const id = randomUUID();
  const by = randomUUID();
  await dataSource.query(`INSERT INTO applications.projects (id, name, county_code, policy_version, created_by) VALUES ($1, $2, $3, 1, $4)`, [
    id,
    `测试项目 ${countyCode}`,
    countyCode,
    by,
  ]);
  const p = MULING_POLICY;
  await dataSource.query(
    `INSERT INTO applications.project_policies (project_id, version, aid_standard, loan_policy, credit_grades, credit_weights, public_notice_days, changed_by)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7)`,
    [id, JSON.stringify(p.aidStandard), JSON.stringify(p.loanPolicy), JSON.stringify(p.creditGrades), JSON.stringify(p.creditWeights), p.publicNoticeDays, by],
  );
  return id;
}

export interface SurveyOverrides {
  villageCode?: string;
  idNumber?: string;
  household?: Partial<{ size: number; labourers: number; annualIncomeFen: number; familyPlanningStatus: string; povertyStatus: string; debtsFen: number }>;
  project?: Partial<{ industry: string; description: string; requestedAmountFen: number; model: string; partnerId: string }>;
  surveyDate?: string;
  name?: string;
}

/** A complete, valid survey body for POST /api/v1/applications. */
export function surveyBody(projectId: string, townshipCode: string, o: SurveyOverrides = {}) {
  return {
    projectId,
    mother: {
      name: o.name ?? '王秀梅',
      idNumber: o.idNumber ?? newResidentId(townshipCode.slice(0, 6)),
      phone: `138${String(randomInt(0, 99999999)).padStart(8, '0')}`,
      address: { townshipCode, villageCode: o.villageCode ?? `${townshipCode}001`, detail: '新立村3组' },
    },
    household: { size: 4, labourers: 2, annualIncomeFen: 800000, familyPlanningStatus: 'compliant', povertyStatus: 'registered_poor', debtsFen: 0, ...o.household },
    project: { industry: 'pig_raising', description: '饲养巴马香猪', requestedAmountFen: 300000, model: 'self', ...o.project },
    surveyDate: o.surveyDate ?? '2026-11-01',
  };
}

/** Requests to /api/v1 as the holder of `token`, so a test reads as who does what. */
export function requestsAs(app: TestApp, token: string) {
  const http = () => app.http();
  return {
    post: (path: string, body: object = {}) => http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => http().patch(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
  };
}

export interface ApprovalPlan {
  amountFen: number;
  termMonths: number;
  repaymentPlan: { kind: string; instalments?: { dueDate: string; amountFen: number }[] };
  disbursementMode: string;
  partnerId?: string;
}

/** Within the MULING_POLICY and the B grade's ceiling: what `IntakeBuilder.approved` approves. */
export const PLAIN_APPROVAL: ApprovalPlan = { amountFen: 300000, termMonths: 12, repaymentPlan: { kind: 'bullet' }, disbursementMode: 'cash' };

/**
 * Builds applications in a given state through the real routes, as the users would (STYLE.md:
 * ctx.newApprovedApplication()). Each application gets a village of its own unless one is given,
 * so notices never mix them. A notice opens today and passes by moving the clock past its last
 * day, closing it by hand, and putting the clock back.
 */
export class IntakeBuilder {
  private village = 100;

  constructor(
    private readonly app: TestApp,
    private readonly clock: ManualClock,
    readonly projectId: string,
    readonly township: string,
    readonly officer: string,
    readonly manager: string,
  ) {}

  as(token: string) {
    return requestsAs(this.app, token);
  }

  newVillage(): string {
    return `${this.township}${String(++this.village).padStart(3, '0')}`;
  }

  survey(o: SurveyOverrides = {}) {
    return surveyBody(this.projectId, this.township, { villageCode: this.newVillage(), surveyDate: this.clock.today(), ...o });
  }

  async submitted(o: SurveyOverrides = {}): Promise<{ id: string; villageCode: string; surveyDate: string }> {
    const body = this.survey(o);
    const res = await this.as(this.officer).post('/applications', body);
    if (res.status !== 201) throw new Error(`survey answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { id: res.body.id, villageCode: body.mother.address.villageCode, surveyDate: body.surveyDate };
  }

  async eligible(o: SurveyOverrides = {}): Promise<{ id: string; villageCode: string }> {
    const { id, villageCode, surveyDate } = await this.submitted(o);
    await this.expectStep(this.as(this.officer).post(`/applications/${id}/home-visits`, { visitedOn: surveyDate, findings: '属实', verified: true }));
    const screened = await this.expectStep(this.as(this.officer).post(`/applications/${id}/screening`));
    if (!screened.body.eligible) throw new Error(`screening found her ineligible: ${JSON.stringify(screened.body.checks)}`);
    return { id, villageCode };
  }

  async inNotice(o: SurveyOverrides = {}): Promise<{ id: string; villageCode: string; noticeId: string; endDate: string }> {
    const { id, villageCode } = await this.eligible(o);
    const notice = await this.expectStep(this.as(this.officer).post('/public-notices', { villageCode, applicationIds: [id], startDate: this.clock.today() }));
    return { id, villageCode, noticeId: notice.body.id, endDate: notice.body.endDate };
  }

  /** Runs `fn` with the clock on the day after `endDate`, then puts it back. */
  async afterNotice<T>(endDate: string, fn: () => Promise<T>): Promise<T> {
    const back = this.clock.now();
    this.clock.set(addDays(endDate, 1));
    try {
      return await fn();
    } finally {
      this.clock.set(back);
    }
  }

  async noticePassed(o: SurveyOverrides = {}): Promise<string> {
    const { id, noticeId, endDate } = await this.inNotice(o);
    // The daily sweep may close it first while the clock is past its end (another builder's notice
    // moved the date for it): closed is closed, either way the application has passed.
    const closed = await this.afterNotice(endDate, () => this.as(this.officer).post(`/public-notices/${noticeId}/close`));
    if (closed.status !== 201 && closed.body?.code !== 'notice_closed') throw new Error(`closing the notice answered ${closed.status}: ${JSON.stringify(closed.body)}`);
    return id;
  }

  async creditAssessed(o: SurveyOverrides = {}, components = { honesty: 90, labour: 80, income: 50 }): Promise<string> {
    const id = await this.noticePassed(o);
    await this.expectStep(this.as(this.officer).post(`/applications/${id}/credit-assessment`, { components, evidence: '村民会议评议' }));
    return id;
  }

  async approved(o: SurveyOverrides = {}, plan: ApprovalPlan = PLAIN_APPROVAL): Promise<string> {
    const id = await this.creditAssessed(o);
    await this.expectStep(this.as(this.manager).post(`/applications/${id}/approval`, plan));
    return id;
  }

  private async expectStep(request: PromiseLike<Response>): Promise<Response> {
    const res = await request;
    if (res.status !== 201) throw new Error(`a step answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }
}
