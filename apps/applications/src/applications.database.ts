import { ServiceDatabase } from '@xingfu/database';
import { idempotencyTableMigration } from '@xingfu/kit';
import { messagingTablesMigration } from '@xingfu/messaging';
import { CreateApplications1763800000100 } from './migrations/1763800000100-create-applications';
import { ApplicationEntity } from './shared/application.entity';
import { ProjectPolicyEntity } from './shared/project-policy.entity';
import { ProjectEntity } from './shared/project.entity';

export const applicationsDatabase: ServiceDatabase = {
  schema: 'applications',
  entities: [ApplicationEntity, ProjectEntity, ProjectPolicyEntity],
  migrations: [messagingTablesMigration('applications', 1763800000000), CreateApplications1763800000100, idempotencyTableMigration('applications', 1764500000000)],
};
