import { actingUser } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ProjectPolicyChanged } from '@xingfu/contracts';
import { ProjectPolicy } from '../../domain/project-policy';
import { ProjectPolicyEntity } from '../../shared/project-policy.entity';
import { ProjectPolicyReader } from '../../shared/project-policy.reader';
import { ProjectEntity } from '../../shared/project.entity';
import { assertSoundPolicy } from '../assert-sound-policy';
import { changedParts, POLICY_PART_NAMES } from '../domain/policy-rules';
import { presentProject } from '../project-view';
import { ChangeProjectPolicyCommand } from './change-project-policy.command';
import { validationFailed } from '@xingfu/common';

/**
 * A change makes a new policy version; the old row stays, and screenings already done keep the
 * version they used. Values equal to those in force change nothing, so a retried PATCH makes no
 * second version.
 */
@CommandHandler(ChangeProjectPolicyCommand)
export class ChangeProjectPolicyHandler implements ICommandHandler<ChangeProjectPolicyCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policies: ProjectPolicyReader,
  ) {}

  execute({ fields: { projectId, ...input }, context }: ChangeProjectPolicyCommand) {
    const user = actingUser(context);
    if (input.name === undefined && POLICY_PART_NAMES.every((part) => input[part] === undefined)) {
      throw validationFailed({ body: [`give at least one of: name, ${POLICY_PART_NAMES.join(', ')}`] }, 'Nothing to change.');
    }
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      await this.policies.project(manager, projectId, user);
      // The row lock serialises concurrent changes: each reads the version the previous one wrote.
      const project = await manager.getRepository(ProjectEntity).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id: projectId }).getOneOrFail();
      const current = await this.policies.version(manager, projectId, project.policyVersion);
      const changed = changedParts(current, input);
      const next: ProjectPolicy = { ...current, ...Object.fromEntries(changed.map((part) => [part, input[part]])) };
      if (changed.length) assertSoundPolicy(next);
      // The name is not part of the policy: renaming makes no version (and the events carry no name to change).
      if (input.name !== undefined) project.name = input.name.trim();
      if (changed.length === 0) {
        await manager.save(project);
        return presentProject(project, current);
      }
      next.version = current.version + 1;
      project.policyVersion = next.version;
      await manager.save(project);
      await manager.save(manager.create(ProjectPolicyEntity, { projectId, ...next, changedBy: user.id, effectiveAt: new Date() }));
      await work.outbox.append(ProjectPolicyChanged, projectId, {
          projectId,
          countyCode: project.countyCode,
          policyVersion: next.version,
          changed: [...changed],
          aidStandard: next.aidStandard,
          loanPolicy: next.loanPolicy,
          creditGrades: next.creditGrades,
          creditWeights: next.creditWeights,
          publicNoticeDays: next.publicNoticeDays,
        });
      return presentProject(project, next);
    });
  }
}
