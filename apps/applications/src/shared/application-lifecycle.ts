import { Injectable } from '@nestjs/common';
import { actorOf, assertInScope, AuthUser } from '@xingfu/auth';
import { DomainError } from '@xingfu/common';
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
  /** The application, row-locked for this transaction; 404 when missing, outside the scope, or the caller is a partner. */
  async loadForChange(manager: EntityManager, id: string, user: AuthUser): Promise<ApplicationEntity> {
    const application = await manager
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
    assertVisible(application, user, id);
    return application!;
  }

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

  /** A new application (the survey): saved in the state machine's first status, with its history row. */
  async start(manager: EntityManager, application: ApplicationEntity, user: AuthUser, details: Record<string, unknown> = {}): Promise<void> {
    application.status = FIRST_STATUS;
    await manager.save(application);
    await this.writeHistory(manager, application.id, FIRST_STEP, null, FIRST_STATUS, user, details);
  }

  async apply(
    manager: EntityManager,
    application: ApplicationEntity,
    step: Step,
    user: Actor,
    options: { outcome?: StepOutcome; details?: Record<string, unknown>; changes?: Partial<ApplicationEntity> } = {},
  ): Promise<{ from: ApplicationStatus; to: ApplicationStatus }> {
    const from = application.status;
    const to = this.assertCan(application, step, options.outcome);
    Object.assign(application, options.changes ?? {}, { status: to });
    await manager.save(application);
    await this.writeHistory(manager, application.id, step, from, to, user, options.details ?? {});
    return { from, to };
  }

  private async writeHistory(
    manager: EntityManager,
    applicationId: string,
    step: Step | typeof FIRST_STEP,
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    user: Actor,
    details: Record<string, unknown>,
  ): Promise<void> {
    const actor = 'actor' in user ? user : { actor: actorOf(user), role: user.role };
    await manager.query(
      `INSERT INTO applications.application_history (application_id, step, from_status, to_status, actor, actor_role, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [applicationId, step, from, to, actor.actor, actor.role, JSON.stringify(details)],
    );
  }
}

/** A user, or the system acting on its own (the notice-closing job). */
type Actor = AuthUser | { actor: string; role: string };

function assertVisible(application: ApplicationEntity | null, user: AuthUser, id: string): void {
  if (!application) throw new DomainError('not_found', 'not_found', `application ${id} was not found`, { id });
  assertInScope(user, { townshipCode: application.townshipCode, countyCode: application.countyCode }, 'application', id);
}
