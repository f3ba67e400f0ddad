import { AuthUser } from '@xingfu/auth';
import { ageOn, maskName, PiiCipher } from '@xingfu/common';
import { ApplicationEntity } from './application.entity';

/** Only these roles see a mother's full ID number and phone; everyone else sees them masked. */
const SEES_FULL_IDENTITY: readonly AuthUser['role'][] = ['project_manager', 'foundation'];

export function seesFullIdentity(user: AuthUser): boolean {
  return SEES_FULL_IDENTITY.includes(user.role);
}

/**
 * What the API returns for an application, with personal data shown as the caller may see it.
 * A masked ID keeps the region and the last four digits, so the birth date is the only part
 * it hides: whoever sees the masked number gets her age at the survey, never the birth date,
 * or the number could be rebuilt (the check digit would confirm it).
 */
export function presentApplication(a: ApplicationEntity, user: AuthUser, pii: PiiCipher) {
  const full = seesFullIdentity(user);
  return {
    id: a.id,
    projectId: a.projectId,
    status: a.status,
    mother: {
      name: a.motherName,
      idNumber: full ? pii.decrypt(a.idNumberSealed) : a.idNumberMasked,
      ...(full ? { birthDate: a.birthDate } : {}),
      ageAtSurvey: ageOn(a.birthDate, a.surveyDate),
      phone: full ? pii.decrypt(a.phoneSealed) : a.phoneMasked,
      address: { countyCode: a.countyCode, townshipCode: a.townshipCode, villageCode: a.villageCode, detail: a.address },
    },
    household: {
      size: a.householdSize,
      labourers: a.labourers,
      annualIncomeFen: a.annualIncomeFen,
      perCapitaIncomeFen: Math.floor(a.annualIncomeFen / a.householdSize),
      familyPlanningStatus: a.familyPlanningStatus,
      povertyStatus: a.povertyStatus,
      debtsFen: a.debtsFen,
    },
    project: {
      industry: a.industry,
      description: a.projectDescription,
      requestedAmountFen: a.requestedAmountFen,
      model: a.model,
      partnerId: a.partnerId,
    },
    surveyDate: a.surveyDate,
    submittedBy: a.submittedBy,
    credit: a.creditGrade ? { score: a.creditScore, grade: a.creditGrade, ceilingFen: a.creditCeilingFen } : null,
    approval: a.approvedOn
      ? {
          amountFen: a.approvedAmountFen,
          termMonths: a.termMonths,
          repaymentPlan: a.repaymentPlan,
          disbursementMode: a.disbursementMode,
          approvedBy: a.approvedBy,
          approvedOn: a.approvedOn,
        }
      : null,
    decisionReason: a.decisionReason,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export type ApplicationView = ReturnType<typeof presentApplication>;

/** Who and where an application is, as events may carry it: masked, never the ID number itself. */
export function eventIdentityOf(a: ApplicationEntity) {
  return {
    applicationId: a.id,
    projectId: a.projectId,
    countyCode: a.countyCode,
    townshipCode: a.townshipCode,
    villageCode: a.villageCode,
    motherNameMasked: maskName(a.motherName),
    idNumberMasked: a.idNumberMasked,
  };
}
