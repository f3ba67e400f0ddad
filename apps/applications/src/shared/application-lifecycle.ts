import { Injectable } from '@nestjs/common';
import { assertInScope } from '@xingfu/auth';
import { actorLabel, actorRole, AuthUser, DomainError } from '@xingfu/kernel';
import { entityInsert } from '@xingfu/database';
import { Work } from '@xingfu/kit';
import { EntityManager } from 'typeorm';
import { ApplicationStatus, FIRST_STATUS, FIRST_STEP, IllegalStepError, nextStatus, Step, StepOutcome } from '../domain/application-status';
import { ApplicationEntity } from './application.entity';

/**
 * The one way an application changes state: load it locked and in the caller's scope, ask the
 * state machine, save, and write the history row (who, what, when, from, to) in the caller's
 * transaction. The caller appends the events in the same transaction.
 */
@Injectable()
export class ApplicationLifecycle {
  /** The application, row-locked for this transaction; 404 when missing or outside the acting user's scope (partners: always). */
  async loadForChange({ manager, user }: Work, id: string): Promise<ApplicationEntity> {
    const application = await manager
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
    assertVisible(application, user, id);
    return application!;
  }

  /** For reads: no lock, the reader's scope. */
  async load(manager: EntityManager, id: string, user: AuthUser): Promise<ApplicationEntity> {
    const application = await manager.getRepository(ApplicationEntity).findOne({ where: { id } });
    assertVisible(application, user, id);
    return application!;
  }

  /** Checks the step is allowed now (409 with the current state and the allowed steps otherwise). */
  assertCan(application: ApplicationEntity, step: Step, outcome?: StepOutcome): ApplicationStatus {
    try {
      return nextStatus(application.status, step, outcome);
    } catch (error) {
      if (error instanceof IllegalStepError) {
        throw new DomainError('conflict', 'illegal_step', error.message, {
          applicationId: application.id,
          currentState: error.current,
          step: error.step,
          allowedSteps: error.allowed,
        });
      }
      throw error;
    }
  }

  /**
   * A new application (the survey): saved in the state machine's first status, with its history
   * row. Both are the work's writes (sent with its event in one round trip before the commit);
   * the entity holds its dates and version as written.
   */
  async start(work: Work, application: ApplicationEntity, details: Record<string, unknown> = {}): Promise<void> {
    application.status = FIRST_STATUS;
    await work.write(entityInsert(work.manager, ApplicationEntity, application));
    await this.writeHistory(work, application.id, FIRST_STEP, null, FIRST_STATUS, details);
  }

  async apply(
    work: Work,
    application: ApplicationEntity,
    step: Step,
    options: { outcome?: StepOutcome; details?: Record<string, unknown>; changes?: Partial<ApplicationEntity> } = {},
  ): Promise<{ from: ApplicationStatus; to: ApplicationStatus }> {
    const from = application.status;
    const to = this.assertCan(application, step, options.outcome);
    const changes = { ...options.changes, status: to };
    Object.assign(application, changes);
    // An UPDATE of what changed: save() would SELECT the row again first, and it is locked here already.
    await work.manager.update(ApplicationEntity, { id: application.id }, changes);
    await this.writeHistory(work, application.id, step, from, to, options.details ?? {});
    return { from, to };
  }

  private async writeHistory(
    { write, context }: Work,
    applicationId: string,
    step: Step | typeof FIRST_STEP,
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    details: Record<string, unknown>,
  ): Promise<void> {
    await write({
      sql: `INSERT INTO applications.application_history (application_id, step, from_status, to_status, actor, actor_role, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      params: [applicationId, step, from, to, actorLabel(context.actor), actorRole(context.actor), JSON.stringify(details)],
    });
  }
}

/** The system and events act without a scope; a user only within hers. */
function assertVisible(application: ApplicationEntity | null, user: AuthUser | null, id: string): void {
  if (!application) throw new DomainError('not_found', 'not_found', `application ${id} was not found`, { id });
  if (user) assertInScope(user, { townshipCode: application.townshipCode, countyCode: application.countyCode }, 'application', id);
}
