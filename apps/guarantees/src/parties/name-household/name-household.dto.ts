import { ApiProperty } from '@nestjs/swagger';
import { IsMainlandMobile, IsResidentId, IsNotBlank } from '@xingfu/common';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Relation, RELATIONS } from '../../domain/household-rules';

export class NameHouseholdDto {
  @ApiProperty({ example: '王建国', description: 'The head of the guarantor household; stored encrypted, shown masked.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  headName!: string;

  @ApiProperty({ example: '230103199001011234', description: 'The head’s resident ID number (GB 11643); stored encrypted with a keyed hash, shown masked.' })
  @IsResidentId()
  idNumber!: string;

  @ApiProperty({ example: '13912345678' })
  @IsMainlandMobile()
  phone!: string;

  @ApiProperty({ enum: RELATIONS, description: 'The head’s relation to the mother; self and spouse are her own household and are refused.' })
  @IsIn(RELATIONS)
  relation!: Relation;
}
