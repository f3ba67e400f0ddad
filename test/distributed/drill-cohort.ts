import { randomUUID } from 'node:crypto';
import { eventually, newResidentId, newTownshipCode } from '@xingfu/testing';
import { householdBody, signature } from '../guarantees/guarantee-driver';
import { benefitCard } from '../muling/loans.steps';
import { companyBody } from '../partners/partner-driver';
import { MULING_POLICY, surveyBody } from '../support/intake';
import { APPS, DrillApi, Sql } from './drill-http';

/** The business dates of the cohort: surveyed and in notice on the 10th, the notices end on the 16th. */
export const NOTICE_STARTS = '2026-11-10';
export const LENDING_DAY = '2026-11-17';
/** Each loan: 1,000 yuan over four months, interest-free (MULING_POLICY), 250 yuan a month. */
export const LOAN_FEN = 100_000;
const PLAN_OF = (partnerId: string) => ({ amountFen: LOAN_FEN, termMonths: 4, repaymentPlan: { kind: 'equal_monthly' }, disbursementMode: 'cash', partnerId });
const VILLAGES = 3;

export interface Tokens {
  admin: string;
  officer: string;
  manager: string;
  foundation: string;
  partner: string;
}

export interface LentMother {
  index: number;
  applicationId: string;
  loanId: string;
  enrolmentId: string;
}

/** What the drill's set-up leaves for the load: loans to repay, enrolments to deliver to, applications to approve. */
export interface Cohort {
  township: string;
  county: string;
  projectId: string;
  partnerId: string;
  tokens: Tokens;
  lent: LentMother[];
  /** Credit-assessed, to be approved during the faults. */
  toApprove: string[];
  plan: ReturnType<typeof PLAN_OF>;
}

async function newUser(api: DrillApi, admin: string, user: { role: string; townships?: string[]; counties?: string[]; partnerId?: string }): Promise<string> {
  const username = `drill.${user.role}.${randomUUID().slice(0, 8)}`;
  const password = 'drill-user-password-1';
  await api.expect('identity', 'POST', '/users', admin, { username, password, ...user }, 201);
  return (await api.expect('identity', 'POST', '/auth/token', undefined, { username, password }, 200)).accessToken;
}

function rowOf<T>(sql: Sql, what: string, query: string, params: unknown[]): Promise<T> {
  return eventually(
    async () => {
      const [row] = await sql<T>(query, params);
      if (!row) throw new Error(`no ${what} yet`);
      return row;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
}

/**
 * The cohort, over HTTP against the processes, as the users would: the project and a partner
 * company with its programme; `lent + toApprove` mothers surveyed, visited, screened and put in
 * public notice; the managed business date moved past the notices' end and the notices closed;
 * credit assessed. The first `lent` are approved, guaranteed (household named, three signatures),
 * their agreements signed and loans paid out from the fund, and the company accepts them; the
 * rest wait for their approval, which the load gives during the faults. Ids are read from the
 * database only where a consumer made the row (the guarantee, the loan, the enrolment).
 */
export async function prepareCohort(api: DrillApi, sql: Sql, adminPassword: string, sizes: { lent: number; toApprove: number }): Promise<Cohort> {
  const township = newTownshipCode();
  const county = township.slice(0, 6);
  const admin = (await api.expect('identity', 'POST', '/auth/token', undefined, { username: 'admin', password: adminPassword }, 200)).accessToken as string;
  const tokens: Tokens = {
    admin,
    officer: await newUser(api, admin, { role: 'officer', townships: [township] }),
    manager: await newUser(api, admin, { role: 'project_manager', counties: [county] }),
    foundation: await newUser(api, admin, { role: 'foundation' }),
    partner: '',
  };
  const projectId = (await api.expect('applications', 'POST', '/projects', tokens.foundation, { name: `演练项目 ${county}`, countyCode: county, ...MULING_POLICY }, 201)).id as string;
  const partnerId = (await api.expect('partners', 'POST', '/partners', tokens.foundation, companyBody(county, { name: `演练养殖有限公司 ${county}` }), 201)).id as string;
  await api.expect(
    'partners',
    'POST',
    `/partners/${partnerId}/programmes`,
    tokens.manager,
    { projectId, input: '巴马香猪种猪', unitCostFen: 30000, costBorneBy: 'partner', growOutDays: 120, marketReferencePerKgFen: 2900, floorPricePerKgFen: 2600, deductionRule: 'delivered_cost' },
    201,
  );
  tokens.partner = await newUser(api, admin, { role: 'partner', partnerId });

  // The intake of every mother up to her credit assessment.
  const total = sizes.lent + sizes.toApprove;
  const idNumbers = new Set<string>();
  while (idNumbers.size < total) idNumbers.add(newResidentId(county));
  const villageOf = (i: number) => `${township}${String(201 + (i % VILLAGES))}`;
  const names: string[] = [];
  const ids: string[] = [];
  for (const [i, idNumber] of [...idNumbers].entries()) {
    const body = surveyBody(projectId, township, {
      idNumber,
      villageCode: villageOf(i),
      project: { industry: 'pig_raising', description: '饲养巴马香猪 10 头, 公司回收', requestedAmountFen: LOAN_FEN, model: 'company', partnerId },
    });
    names.push(body.mother.name);
    ids.push((await api.expect('applications', 'POST', '/applications', tokens.officer, body, 201)).id);
  }
  for (const id of ids) {
    await api.expect('applications', 'POST', `/applications/${id}/home-visits`, tokens.officer, { visitedOn: '2026-11-03', findings: '情况属实', verified: true }, 201);
    const screened = await api.expect('applications', 'POST', `/applications/${id}/screening`, tokens.officer, {}, 201);
    if (!screened.eligible) throw new Error(`screening found ${id} ineligible: ${JSON.stringify(screened.checks)}`);
  }
  const notices: string[] = [];
  for (let v = 0; v < Math.min(VILLAGES, total); v++) {
    const applicationIds = ids.filter((_, i) => i % VILLAGES === v);
    notices.push((await api.expect('applications', 'POST', '/public-notices', tokens.officer, { villageCode: villageOf(v), applicationIds, startDate: NOTICE_STARTS, days: 7 }, 201)).id);
  }
  await moveBusinessDate(api, tokens.admin, LENDING_DAY);
  // The notices' own closing job may be first once the date is past their end: closed is closed.
  for (const notice of notices) {
    const closed = await api.send('applications', 'POST', `/public-notices/${notice}/close`, tokens.manager, {});
    if (closed.status !== 201 && closed.body?.code !== 'notice_closed') throw new Error(`closing notice ${notice} answered ${closed.status}: ${JSON.stringify(closed.body)}`);
  }
  for (const id of ids) {
    await eventually(async () => expect((await api.expect('applications', 'GET', `/applications/${id}`, tokens.officer, undefined, 200)).status).toBe('notice_passed'), { timeoutMs: 60_000, intervalMs: 100 });
    await api.expect('applications', 'POST', `/applications/${id}/credit-assessment`, tokens.officer, { components: { honesty: 95, labour: 90, income: 80 }, evidence: '村民会议评议, 入户走访' }, 201);
  }
  const plan = PLAN_OF(partnerId);
  const lentIds = ids.slice(0, sizes.lent);
  for (const id of lentIds) await api.expect('applications', 'POST', `/applications/${id}/approval`, tokens.manager, plan, 201);

  // The fund loans opened when it heard ProjectRegistered: the foundation's money arrives.
  await rowOf(sql, 'fund', `SELECT project_id FROM loans.funds WHERE project_id = $1`, [projectId]);
  await api.expect('loans', 'POST', `/projects/${projectId}/fund/contributions`, tokens.foundation, { amountFen: total * LOAN_FEN, source: 'foundation', stage: 'received', date: LENDING_DAY }, 201);

  // 三方联保: each approval opened a guarantee; the household is named and the three parties sign.
  for (const applicationId of lentIds) {
    const { id } = await rowOf<{ id: string }>(sql, 'guarantee', `SELECT id FROM guarantees.guarantees WHERE application_id = $1`, [applicationId]);
    await api.expect('guarantees', 'PUT', `/guarantees/${id}/parties/household`, tokens.officer, householdBody(county), 200);
    for (const role of ['township', 'village', 'household']) await api.expect('guarantees', 'POST', `/guarantees/${id}/parties/${role}/signature`, tokens.officer, signature(role, LENDING_DAY), 201);
  }
  // Each loan, once its guarantee is effective: the agreement, then the cash to her card (a manager pays out).
  const lent: LentMother[] = [];
  for (const [index, applicationId] of lentIds.entries()) {
    const { id: loanId } = await rowOf<{ id: string }>(sql, 'loan awaiting its agreement', `SELECT id FROM loans.loans WHERE application_id = $1 AND status = 'awaiting_agreement'`, [applicationId]);
    await api.expect('loans', 'POST', `/loans/${loanId}/agreement`, tokens.officer, { signedOn: LENDING_DAY }, 201);
    const cash = { amountFen: LOAN_FEN, cardNumber: benefitCard(900_000 + index), cardHolderName: names[index] };
    await api.expect('loans', 'POST', `/loans/${loanId}/disbursement`, tokens.manager, { date: LENDING_DAY, round: 1, cash }, 201);
    // The approval enrolled her with the company, pending its acceptance.
    const { id: enrolmentId } = await rowOf<{ id: string }>(sql, 'enrolment', `SELECT id FROM partners.enrolments WHERE application_id = $1`, [applicationId]);
    await api.expect('partners', 'POST', `/enrolments/${enrolmentId}/acceptance`, tokens.partner, {}, 201);
    lent.push({ index, applicationId, loanId, enrolmentId });
  }
  return { township, county, projectId, partnerId, tokens, lent, toApprove: ids.slice(sizes.lent), plan };
}

/** PUT the managed business date, then wait until every process works on it (each re-reads it every 2 s). */
export async function moveBusinessDate(api: DrillApi, admin: string, date: string): Promise<void> {
  await api.expect('applications', 'PUT', '/admin/business-date', admin, { businessDate: date }, 200);
  for (const app of APPS) {
    await eventually(async () => expect((await api.expect(app, 'GET', '/admin/business-date', admin, undefined, 200)).businessDate).toBe(date), { timeoutMs: 30_000, intervalMs: 200 });
  }
}
