import { Injectable } from '@nestjs/common';
import { assertInScope } from '@xingfu/auth';
import { AuthUser, DomainError } from '@xingfu/kernel';
import { updateColumns } from '@xingfu/database';
import { Work } from '@xingfu/kit';
import { EntityManager } from 'typeorm';
import { GuaranteeState, GuaranteeStep, GuaranteeStepError, nextState, PartyRole, PARTY_ROLES, PartyStatus } from '../domain/guarantee-status';
import { GuaranteeRow, PartyRow } from './guarantee.rows';

export interface LoadedGuarantee {
  guarantee: GuaranteeRow;
  /** The current party of each role (a replaced one stays in the table, not here). */
  parties: Record<PartyRole, PartyRow>;
}

/**
 * The one way a guarantee changes state: load it locked (and in the acting user's scope), ask
 * the state machine, write the change through the work's manager. The caller appends events in
 * the same transaction.
 */
@Injectable()
export class GuaranteeLifecycle {
  /** Row-locked for this transaction; 404 when missing or outside the acting user's scope. */
  async loadForChange({ manager, user }: Work, id: string): Promise<LoadedGuarantee> {
    const [guarantee]: GuaranteeRow[] = await manager.query(`SELECT * FROM guarantees.guarantees WHERE id = $1 FOR UPDATE`, [id]);
    assertVisible(guarantee, user, id);
    return { guarantee, parties: await this.partiesOf(manager, id) };
  }

  /** For consumers: the guarantee of an application, locked, or undefined. */
  async loadByApplicationForChange(manager: EntityManager, applicationId: string): Promise<LoadedGuarantee | undefined> {
    const [guarantee]: GuaranteeRow[] = await manager.query(`SELECT * FROM guarantees.guarantees WHERE application_id = $1 FOR UPDATE`, [applicationId]);
    return guarantee && { guarantee, parties: await this.partiesOf(manager, guarantee.id) };
  }

  async partiesOf(manager: EntityManager, guaranteeId: string): Promise<Record<PartyRole, PartyRow>> {
    const rows: PartyRow[] = await manager.query(`SELECT * FROM guarantees.parties WHERE guarantee_id = $1 AND current`, [guaranteeId]);
    const byRole = Object.fromEntries(rows.map((p) => [p.role, p])) as Record<PartyRole, PartyRow>;
    for (const role of PARTY_ROLES) if (!byRole[role]) throw new Error(`guarantee ${guaranteeId} has no current ${role} party`);
    return byRole;
  }

  stateOf({ guarantee, parties }: LoadedGuarantee): GuaranteeState {
    const party = (role: PartyRole) => parties[role].status as PartyStatus;
    return { status: guarantee.status, reopened: guarantee.reopened, parties: { township: party('township'), village: party('village'), household: party('household') } };
  }

  /** The state after the step, or 409 illegal_step with the current state and the allowed next steps. */
  next(loaded: LoadedGuarantee, step: GuaranteeStep, role?: PartyRole): { state: GuaranteeState; effective: boolean } {
    try {
      return nextState(this.stateOf(loaded), step, role);
    } catch (error) {
      if (error instanceof GuaranteeStepError) {
        throw new DomainError('conflict', 'illegal_step', error.message, {
          guaranteeId: loaded.guarantee.id,
          currentState: error.current,
          step: error.step,
          ...(error.role ? { role: error.role } : {}),
          allowedSteps: error.allowed,
        });
      }
      throw error;
    }
  }

  /** An UPDATE of the named columns (and updated_at) of one guarantee. */
  async update(manager: EntityManager, guarantee: GuaranteeRow, changes: Partial<GuaranteeRow>): Promise<void> {
    await updateColumns(manager, 'guarantees.guarantees', guarantee.id, changes, { touch: true });
    Object.assign(guarantee, changes);
  }

  async updateParty(manager: EntityManager, party: PartyRow, changes: Partial<PartyRow>): Promise<void> {
    await updateColumns(manager, 'guarantees.parties', party.id, changes, { touch: false });
    Object.assign(party, changes);
  }
}

/** The system and events act without a scope; a user only within hers (partners: never). */
function assertVisible(guarantee: GuaranteeRow | undefined, user: AuthUser | null, id: string): void {
  if (!guarantee) throw new DomainError('not_found', 'not_found', `guarantee ${id} was not found`, { id });
  if (user) assertInScope(user, { townshipCode: guarantee.township_code, countyCode: guarantee.county_code }, 'guarantee', id);
}
