import { actingUser } from '@xingfu/kernel';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '@xingfu/auth';
import { ProjectRegistered } from '@xingfu/contracts';
import { DEFAULT_CREDIT_WEIGHTS, DEFAULT_PUBLIC_NOTICE_DAYS, ProjectPolicy } from '../../domain/project-policy';
import { ProjectPolicyEntity } from '../../shared/project-policy.entity';
import { ProjectEntity } from '../../shared/project.entity';
import { assertSoundPolicy } from '../assert-sound-policy';
import { presentProject } from '../project-view';
import { RegisterProjectCommand } from './register-project.command';

/** A project and its policy version 1, and ProjectRegistered, in one transaction. */
@CommandHandler(RegisterProjectCommand)
export class RegisterProjectHandler implements ICommandHandler<RegisterProjectCommand> {
  constructor(
    private readonly uow: UnitOfWork,
  ) {}

  execute({ fields: input, context }: RegisterProjectCommand) {
    const user = actingUser(context);
    // A project manager of another county learns nothing about it: 404, as for any record outside the scope.
    assertInScope(user, { countyCode: input.countyCode }, 'county', input.countyCode);
    const policy: ProjectPolicy = {
      version: 1,
      aidStandard: input.aidStandard,
      loanPolicy: input.loanPolicy,
      creditGrades: input.creditGrades,
      creditWeights: input.creditWeights ?? DEFAULT_CREDIT_WEIGHTS,
      publicNoticeDays: input.publicNoticeDays ?? DEFAULT_PUBLIC_NOTICE_DAYS,
    };
    assertSoundPolicy(policy);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const project = manager.create(ProjectEntity, { id: randomUUID(), name: input.name.trim(), countyCode: input.countyCode, policyVersion: 1, createdBy: user.id });
      await manager.save(project);
      await manager.save(manager.create(ProjectPolicyEntity, { projectId: project.id, ...policy, changedBy: user.id, effectiveAt: new Date() }));
      await work.outbox.append(ProjectRegistered, project.id, {
          projectId: project.id,
          name: project.name,
          countyCode: project.countyCode,
          policyVersion: 1,
          aidStandard: policy.aidStandard,
          loanPolicy: policy.loanPolicy,
          creditGrades: policy.creditGrades,
          creditWeights: policy.creditWeights,
          publicNoticeDays: policy.publicNoticeDays,
        });
      return presentProject(project, policy);
    });
  }
}
