import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class UpdateUserDto {
  @ApiProperty({ example: false, description: 'false deactivates the user: no more logins, and every token already issued stops working at once in every service.' })
  @IsBoolean()
  active!: boolean;
}
