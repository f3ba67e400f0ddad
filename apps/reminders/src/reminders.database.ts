import { ServiceDatabase } from '@xingfu/database';
import { idempotencyTableMigration } from '@xingfu/kit';
import { messagingTablesMigration } from '@xingfu/messaging';
import { CreateReminders1764900000100 } from './migrations/1764900000100-create-reminders';
import { ReadModelOrder1764900000300 } from './migrations/1764900000300-read-model-order';
import { SweepIndexes1764900000310 } from './migrations/1764900000310-sweep-indexes';
import { MessageIndex1764900000320 } from './migrations/1764900000320-message-index';

export const remindersDatabase: ServiceDatabase = {
  schema: 'reminders',
  entities: [],
  migrations: [messagingTablesMigration('reminders', 1763800000000), CreateReminders1764900000100, idempotencyTableMigration('reminders', 1764900000200), ReadModelOrder1764900000300, SweepIndexes1764900000310, MessageIndex1764900000320],
};
