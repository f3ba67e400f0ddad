import 'reflect-metadata';
import { IsInt, Min } from 'class-validator';

/** The "X+1" partners: a company, a lead farmer, an industrial park. */
export const PARTNER_TYPES = ['company', 'lead_farmer', 'park'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** A buyback's figures, in grams and fen: gross = weight × price ÷ 1000 (half up); gross − deduction − withheld = net. */
export class BuybackFiguresV1 {
  @IsInt()
  @Min(1)
  headCount!: number;

  @IsInt()
  @Min(1)
  totalWeightGrams!: number;

  @IsInt()
  @Min(1)
  pricePerKgFen!: number;

  @IsInt()
  @Min(0)
  marketReferencePerKgFen!: number;

  @IsInt()
  @Min(0)
  grossFen!: number;

  /** The partner's advance for the breeding stock, recovered from the gross. */
  @IsInt()
  @Min(0)
  stockCostDeductionFen!: number;

  /** Withheld for the mother's loan: what loans posts as a repayment (source buyback). */
  @IsInt()
  @Min(0)
  loanWithheldFen!: number;

  /** Paid to the mother. */
  @IsInt()
  @Min(0)
  netPaidFen!: number;
}

/** How a project manager settles a disputed buyback. */
export const SETTLEMENT_OUTCOMES = ['upheld', 'corrected', 'voided'] as const;
export type SettlementOutcome = (typeof SETTLEMENT_OUTCOMES)[number];
