import { ServiceDatabase } from '@xingfu/database';
import { messagingTablesMigration } from '@xingfu/messaging';

export const loansDatabase: ServiceDatabase = {
  schema: 'loans',
  entities: [],
  migrations: [messagingTablesMigration('loans', 1763800000000)],
};
