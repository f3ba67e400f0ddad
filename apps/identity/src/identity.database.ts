import { idempotencyTableMigration } from '@xingfu/kit';
import { ServiceDatabase } from '@xingfu/database';
import { InitIdentity1763800000000 } from './migrations/1763800000000-init-identity';
import { UserEntity } from './shared/user.entity';

export const identityDatabase: ServiceDatabase = {
  schema: 'identity',
  entities: [UserEntity],
  migrations: [InitIdentity1763800000000, idempotencyTableMigration('identity', 1764500000000)],
};
