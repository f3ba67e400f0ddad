import { ServiceDatabase } from '@xingfu/database';
import { messagingTablesMigration } from '@xingfu/messaging';

export const remindersDatabase: ServiceDatabase = {
  schema: 'reminders',
  entities: [],
  migrations: [messagingTablesMigration('reminders', 1763800000000)],
};
