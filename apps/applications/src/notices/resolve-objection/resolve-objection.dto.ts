import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';

export class ResolveObjectionDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'], description: 'upheld: the application is rejected with the objection’s reason; dismissed: it stays on the notice.' })
  @IsIn(['upheld', 'dismissed'])
  outcome!: 'upheld' | 'dismissed';

  @ApiProperty({ example: '经村委会核实' })
  @IsString()
  @Matches(/\S/, { message: 'note must not be blank' })
  @MaxLength(2000)
  note!: string;
}
