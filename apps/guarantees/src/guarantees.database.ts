import { ServiceDatabase } from '@xingfu/database';
import { idempotencyTableMigration } from '@xingfu/kit';
import { messagingTablesMigration } from '@xingfu/messaging';
import { CreateGuarantees1764600000100 } from './migrations/1764600000100-create-guarantees';

export const guaranteesDatabase: ServiceDatabase = {
  schema: 'guarantees',
  entities: [],
  migrations: [messagingTablesMigration('guarantees', 1763800000000), CreateGuarantees1764600000100, idempotencyTableMigration('guarantees', 1764600000200)],
};
