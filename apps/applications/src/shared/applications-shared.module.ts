import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PiiCipher, Secrets } from '@xingfu/common';
import { KitModule } from '@xingfu/kit';
import { ApplicationEntity } from './application.entity';
import { ApplicationLifecycle } from './application-lifecycle';
import { ProjectPolicyReader } from './project-policy.reader';
import { ProjectPolicyEntity } from './project-policy.entity';
import { ProjectEntity } from './project.entity';
import { RECORD_SCOPES } from './record-scopes';

/** What every part of the applications service shares: entities, the kit (unit of work), the lifecycle, policies, PII, record scopes. */
@Module({
  imports: [TypeOrmModule.forFeature([ApplicationEntity, ProjectEntity, ProjectPolicyEntity]), KitModule.forService('applications')],
  providers: [
    ApplicationLifecycle,
    ProjectPolicyReader,
    ...RECORD_SCOPES,
    { provide: PiiCipher, inject: [Secrets], useFactory: (secrets: Secrets) => new PiiCipher(secrets.piiKey) },
  ],
  exports: [TypeOrmModule, KitModule, ApplicationLifecycle, ProjectPolicyReader, PiiCipher, ...RECORD_SCOPES],
})
export class ApplicationsSharedModule {}
