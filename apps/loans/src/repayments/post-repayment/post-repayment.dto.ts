import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsFen } from '@xingfu/common';
import { GUARANTOR_ROLES, GuarantorRole, IsBusinessDate } from '@xingfu/contracts';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/**
 * What a user may post on the route. A buyback is not among them: partners confirm it
 * (BuybackConfirmed, checked to the fen) and loans posts it from that event, keyed by it; a
 * buyback typed in by hand as well would post the same money twice.
 */
export const ROUTE_SOURCES = ['cash', 'transfer', 'guarantor'] as const;
export type RouteSource = (typeof ROUTE_SOURCES)[number];

export class PostRepaymentDto {
  @ApiProperty({ example: 50000, description: 'Fen, at least 1; at most the loan’s whole outstanding balance (fee and principal), else 422 overpayment.' })
  @IsFen({ min: 1 })
  amountFen!: number;

  @ApiProperty({ example: '2027-03-20', description: 'The business date the money was paid: not in the future, not before the disbursement.' })
  @IsBusinessDate()
  paidOn!: string;

  @ApiProperty({ enum: ROUTE_SOURCES, description: 'cash collected by an officer, a bank transfer, or a guarantor of the loan. A buyback is posted from the partner’s BuybackConfirmed, never here.' })
  @IsIn(ROUTE_SOURCES, { message: `source must be one of ${ROUTE_SOURCES.join(', ')} (a buyback is posted from the partner's confirmation)` })
  source!: RouteSource;

  @ApiPropertyOptional({ enum: GUARANTOR_ROLES, description: 'Which party of the guarantee paid: required exactly when the source is guarantor.' })
  @ValidateIf((o: PostRepaymentDto) => o.source === 'guarantor' || o.guarantorRole !== undefined)
  @IsIn(GUARANTOR_ROLES)
  guarantorRole?: GuarantorRole;

  @ApiPropertyOptional({ example: '收据 No. 0012345', description: 'The receipt or transfer reference, up to 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}
