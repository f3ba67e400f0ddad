import { IsSaneDate } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';

export class SignAgreementDto {
  @ApiProperty({ example: '2026-11-26', description: 'The date on the loan agreement (借款协议): not in the future, not before the guarantee took effect.' })
  @IsSaneDate()
  signedOn!: string;
}
