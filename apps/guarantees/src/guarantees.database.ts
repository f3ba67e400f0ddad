import { ServiceDatabase } from '@xingfu/database';
import { messagingTablesMigration } from '@xingfu/messaging';

export const guaranteesDatabase: ServiceDatabase = {
  schema: 'guarantees',
  entities: [],
  migrations: [messagingTablesMigration('guarantees', 1763800000000)],
};
