import { ApiProperty } from '@nestjs/swagger';
import { Role, ROLES } from '@xingfu/auth';
import { UserEntity } from './user.entity';

/** A user as the API shows it: everything but the password hash. */
export class UserViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'zhang.wei', description: 'Lowercase; logins are case-insensitive.' })
  username!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: [String], example: ['231085100'], description: '9-digit township codes (officers).' })
  townships!: string[];

  @ApiProperty({ type: [String], example: ['231085'], description: '6-digit county codes (project managers).' })
  counties!: string[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The partner a partner user acts for.' })
  partnerId!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** Built field by field, so a column added to the entity is never shown by accident. */
export function toUserView(user: UserEntity): UserViewDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role as Role,
    townships: user.townships,
    counties: user.counties,
    partnerId: user.partnerId,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
  };
}
