import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PiiCipher, Secrets } from '@xingfu/common';
import { ApplicationEntity } from './application.entity';
import { ApplicationLifecycle } from './application-lifecycle';
import { ProjectPolicyReader } from './project-policy.reader';
import { ProjectPolicyEntity } from './project-policy.entity';
import { ProjectEntity } from './project.entity';

/** What every part of the applications service shares: entities, the lifecycle, policies, PII. */
@Module({
  imports: [TypeOrmModule.forFeature([ApplicationEntity, ProjectEntity, ProjectPolicyEntity])],
  providers: [
    ApplicationLifecycle,
    ProjectPolicyReader,
    { provide: PiiCipher, inject: [Secrets], useFactory: (secrets: Secrets) => new PiiCipher(secrets.piiKey) },
  ],
  exports: [TypeOrmModule, ApplicationLifecycle, ProjectPolicyReader, PiiCipher],
})
export class ApplicationsSharedModule {}
