import { ServiceDatabase } from '@xingfu/database';
import { idempotencyTableMigration } from '@xingfu/kit';
import { messagingTablesMigration } from '@xingfu/messaging';
import { CreatePartners1764800000100 } from './migrations/1764800000100-create-partners';

export const partnersDatabase: ServiceDatabase = {
  schema: 'partners',
  entities: [],
  migrations: [messagingTablesMigration('partners', 1763800000000), CreatePartners1764800000100, idempotencyTableMigration('partners', 1764800000200)],
};
