import { randomInt, randomUUID } from 'node:crypto';
import { newResidentId } from '@xingfu/testing';
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
