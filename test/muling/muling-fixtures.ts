import { makeResidentId } from '@xingfu/common';
import { surveyBody } from '../support/intake';

/** 穆棱市 (Muling, Heilongjiang): one county, 8 townships, 5 villages each in this test. */
export const MULING_COUNTY = '231085';
export const TOWNSHIPS = Array.from({ length: 8 }, (_, i) => `${MULING_COUNTY}${String(100 + i)}`);
export const villagesOf = (township: string) => Array.from({ length: 5 }, (_, i) => `${township}${String(201 + i)}`);

/**
 * What becomes of each of the 164 surveyed mothers, chosen so that the counts of the seed
 * follow: 86 approved — 16 pig raising with the company (巴马香猪), 70 mushroom growers of
 * whom 50 in the park and 20 with a lead farmer.
 */
export type Fate =
  | 'approved_company'
  | 'approved_park'
  | 'approved_lead_farmer'
  | 'withdrawn_before_visit'
  | 'unverified'
  | 'fail_income'
  | 'fail_age'
  | 'fail_family_planning'
  | 'fail_labour'
  | 'fail_consumption'
  | 'objection_upheld'
  | 'credit_too_low'
  | 'withdrawn_after_credit';

export const FATE_COUNTS: Record<Fate, number> = {
  approved_company: 16,
  approved_park: 50,
  approved_lead_farmer: 20,
  withdrawn_before_visit: 4,
  unverified: 4,
  fail_income: 20,
  fail_age: 10,
  fail_family_planning: 8,
  fail_labour: 6,
  fail_consumption: 4,
  objection_upheld: 6,
  credit_too_low: 10,
  withdrawn_after_credit: 6,
};

/** Of the approved, this many had an objection filed against them that was dismissed. */
export const DISMISSED_OBJECTIONS = 4;

export const PARTNERS = { company: 'partner-bama-xiangzhu', park: 'partner-muling-mushroom-park', leadFarmer: 'partner-lead-farmer-li' };

export interface Mother {
  index: number;
  fate: Fate;
  township: string;
  village: string;
  body: ReturnType<typeof surveyBody>;
}

/** The 164 surveys, spread round-robin over the townships and their villages. */
export function muLingMothers(projectId: string): Mother[] {
  const fates = (Object.entries(FATE_COUNTS) as [Fate, number][]).flatMap(([fate, n]) => Array<Fate>(n).fill(fate));
  return fates.map((fate, index) => {
    const township = TOWNSHIPS[index % TOWNSHIPS.length];
    const village = villagesOf(township)[Math.floor(index / TOWNSHIPS.length) % 5];
    // Distinct birth dates and sequence numbers: 164 different mothers, never a duplicate.
    const idNumber = makeResidentId(MULING_COUNTY, `1980${String(1 + (index % 12)).padStart(2, '0')}${String(1 + (index % 28)).padStart(2, '0')}`, String(index).padStart(3, '0'));
    return { index, fate, township, village, body: surveyBody(projectId, township, { villageCode: village, idNumber, ...surveyShape(fate, index) }) };
  });
}

function surveyShape(fate: Fate, index: number): Parameters<typeof surveyBody>[2] {
  const mushroom = { industry: 'mushroom', description: '黑木耳种植 3 万袋', requestedAmountFen: 1000000 };
  switch (fate) {
    case 'approved_company':
      return { project: { industry: 'pig_raising', description: '饲养巴马香猪 10 头, 4 个月后公司回收', requestedAmountFen: 500000, model: 'company', partnerId: PARTNERS.company } };
    case 'approved_park':
    case 'objection_upheld':
    case 'credit_too_low':
      return { project: { ...mushroom, model: 'park', partnerId: PARTNERS.park } };
    case 'approved_lead_farmer':
    case 'withdrawn_after_credit':
      return { project: { ...mushroom, model: 'lead_farmer', partnerId: PARTNERS.leadFarmer } };
    case 'fail_income':
      // 4 people, 16,000 yuan a year: 4,000 yuan each, above the 3,000 yuan ceiling.
      return { household: { annualIncomeFen: 1600000 } };
    case 'fail_age':
      // Born 1950 (too old); the sequence from the index, so two of them never share a number.
      return { idNumber: makeResidentId(MULING_COUNTY, '19500101', String(index).padStart(3, '0')) };
    case 'fail_family_planning':
      return { household: { familyPlanningStatus: 'non_compliant' } };
    case 'fail_labour':
      return { household: { labourers: 0 } };
    case 'fail_consumption':
      return { project: { industry: 'housing', description: '翻建住房' } };
    default:
      return {};
  }
}
