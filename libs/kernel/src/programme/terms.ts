/** The vocabulary of a project's terms, shared by the contracts and every domain that reads them. */
export const PROJECT_MODELS = ['company', 'lead_farmer', 'park', 'self'] as const;
export type ProjectModel = (typeof PROJECT_MODELS)[number];

export const REPAYMENT_PLAN_KINDS = ['bullet', 'equal_monthly', 'custom'] as const;
export type RepaymentPlanKind = (typeof REPAYMENT_PLAN_KINDS)[number];

export const DISBURSEMENT_MODES = ['cash', 'in_kind', 'mixed'] as const;
export type DisbursementMode = (typeof DISBURSEMENT_MODES)[number];

export const CHARGE_KINDS = ['none', 'management_fee', 'interest'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];
