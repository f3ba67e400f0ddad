import { ServiceDatabase } from '@xingfu/database';
import { messagingTablesMigration } from '@xingfu/messaging';

export const partnersDatabase: ServiceDatabase = {
  schema: 'partners',
  entities: [],
  migrations: [messagingTablesMigration('partners', 1763800000000)],
};
