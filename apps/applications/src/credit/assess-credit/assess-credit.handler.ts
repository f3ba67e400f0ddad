import { actingUser } from '@xingfu/kernel';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CreditAssessed } from '@xingfu/contracts';
import { Clock, DomainError } from '@xingfu/common';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { ProjectPolicyReader } from '../../shared/project-policy.reader';
import { creditScore, gradeFor, UngradedScoreError } from '../domain/credit-score';
import { AssessCreditCommand } from './assess-credit.command';

/**
 * Credit assessment (诚信): the components weighted by the project's current weights, graded by
 * its grade table. The assessment row, the scores on the application, the history row and
 * CreditAssessed are one transaction.
 */
@CommandHandler(AssessCreditCommand)
export class AssessCreditHandler implements ICommandHandler<AssessCreditCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly policies: ProjectPolicyReader,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { applicationId, ...input }, context }: AssessCreditCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const application = await this.lifecycle.loadForChange(work, applicationId);
      this.lifecycle.assertCan(application, 'credit-assessment');
      const policy = await this.policies.current(manager, application.projectId);
      const score = creditScore(input.components, policy.creditWeights);
      const grade = gradeOrConflict(score, policy.creditGrades);
      const id = randomUUID();
      await manager.query(
        `INSERT INTO applications.credit_assessments (id, application_id, components, weights, score, grade, ceiling_fen, evidence, policy_version, assessed_by, assessed_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, application.id, JSON.stringify(input.components), JSON.stringify(policy.creditWeights), score, grade.grade, grade.ceilingFen, input.evidence, policy.version, user.id, this.clock.today()],
      );
      await this.lifecycle.apply(work, application, 'credit-assessment', {
        details: { creditAssessmentId: id, score, grade: grade.grade, policyVersion: policy.version },
        changes: { creditScore: score, creditGrade: grade.grade, creditCeilingFen: grade.ceilingFen },
      });
      await work.outbox.append(CreditAssessed, application.id, { applicationId: application.id, townshipCode: application.townshipCode, score, grade: grade.grade, ceilingFen: grade.ceilingFen });
      return {
        id,
        applicationId: application.id,
        status: application.status,
        score,
        grade: grade.grade,
        ceilingFen: grade.ceilingFen,
        weights: policy.creditWeights,
        policyVersion: policy.version,
      };
    });
  }
}

/** Only a grade table saved before the coverage rule could miss a score; say so rather than fail with a 500. */
function gradeOrConflict(score: number, grades: Parameters<typeof gradeFor>[1]) {
  try {
    return gradeFor(score, grades);
  } catch (error) {
    if (error instanceof UngradedScoreError) throw new DomainError('conflict', 'ungraded_score', error.message, { score });
    throw error;
  }
}
