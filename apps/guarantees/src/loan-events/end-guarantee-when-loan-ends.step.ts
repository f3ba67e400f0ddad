import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, GuaranteeReleased, LoanRepaid, LoanRepaidV1, LoanWrittenOffV1 } from '@xingfu/contracts';
import { contextFromEvent } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EntityManager } from 'typeorm';
import { GuaranteeLifecycle } from '../shared/guarantee-lifecycle';

/**
 * The loan ended: repaid, the guarantee is released (outcome released) and the household's slot
 * frees up; written off, it closes with outcome loss. What each party paid stays on record.
 * A guarantee that ended already: nothing. None, or one that never took effect (intake tests
 * report loans repaid without one): logged, nothing changes, since there is nothing to release.
 */
@Injectable()
export class EndGuaranteeWhenLoanEnds {
  private readonly logger = new Logger(EndGuaranteeWhenLoanEnds.name);

  constructor(
    private readonly lifecycle: GuaranteeLifecycle,
    private readonly uow: UnitOfWork,
  ) {}

  async handle(event: EventEnvelope<LoanRepaidV1 | LoanWrittenOffV1>, manager: EntityManager): Promise<void> {
    const repaid = event.type === LoanRepaid.type;
    const { applicationId, loanId } = event.payload;
    const endedOn = 'repaidOn' in event.payload ? event.payload.repaidOn : event.payload.writtenOffOn;
    const loaded = await this.lifecycle.loadByApplicationForChange(manager, applicationId);
    if (!loaded || !['effective', 'invoked'].includes(loaded.guarantee.status)) {
      this.logger.warn(`${event.type} ${event.eventId} (loan ${loanId}): application ${applicationId} has ${loaded ? `a ${loaded.guarantee.status} guarantee` : 'no guarantee'}; nothing to end`);
      return;
    }
    const { guarantee } = loaded;
    const { state } = this.lifecycle.next(loaded, repaid ? 'release' : 'write-off');
    const outcome = repaid ? 'released' : 'loss';
    await this.lifecycle.update(manager, guarantee, { status: state.status, outcome, ended_on: endedOn, loan_id: guarantee.loan_id ?? loanId });
    const [{ paid }]: { paid: number }[] = await manager.query(`SELECT coalesce(sum(amount_fen), 0)::bigint::int AS paid FROM guarantees.payments WHERE guarantee_id = $1`, [guarantee.id]);
    const work = this.uow.join(manager, contextFromEvent(event));
    await work.outbox.append(GuaranteeReleased, guarantee.id, {
      guaranteeId: guarantee.id,
      applicationId,
      loanId,
      townshipCode: guarantee.township_code,
      outcome,
      releasedOn: endedOn,
      paidByGuarantorsFen: paid,
    });
  }
}
