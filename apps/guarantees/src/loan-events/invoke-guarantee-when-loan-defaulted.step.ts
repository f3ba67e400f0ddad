import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, GuaranteeInvoked, LoanDefaultedV1, PartyLiabilityV1 } from '@xingfu/contracts';
import { contextFromEvent } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EntityManager } from 'typeorm';
import { PARTY_ROLES } from '../domain/guarantee-status';
import { GuaranteeLifecycle } from '../shared/guarantee-lifecycle';

/**
 * A default invokes the guarantee by itself: each party is liable, jointly and severally, for
 * the whole amount overdue, and a demand is recorded to each (a letter to the township and the
 * village, a text to the household), which reminders sends from GuaranteeInvoked.
 * A guarantee that is invoked already: logged, nothing changes; no guarantee for the application
 * (not ours): logged, ignored. One not effective: a loan exists only once it took effect, so the
 * event or our data is wrong; thrown (illegal_step), and the inbox parks it.
 */
@Injectable()
export class InvokeGuaranteeWhenLoanDefaulted {
  private readonly logger = new Logger(InvokeGuaranteeWhenLoanDefaulted.name);

  constructor(
    private readonly lifecycle: GuaranteeLifecycle,
    private readonly uow: UnitOfWork,
  ) {}

  async handle(event: EventEnvelope<LoanDefaultedV1>, manager: EntityManager): Promise<void> {
    const defaulted = event.payload;
    const loaded = await this.lifecycle.loadByApplicationForChange(manager, defaulted.applicationId);
    if (!loaded) {
      // Not one of ours (another deployment's event on a shared topic): nothing to invoke.
      this.logger.warn(`LoanDefaulted ${event.eventId} (loan ${defaulted.loanId}) names application ${defaulted.applicationId}, which has no guarantee here; ignored`);
      return;
    }
    const { guarantee, parties } = loaded;
    if (guarantee.status === 'invoked' && guarantee.loan_id === defaulted.loanId) {
      this.logger.log(`guarantee ${guarantee.id} is invoked already; LoanDefaulted ${event.eventId} changes nothing`);
      return;
    }
    const { state } = this.lifecycle.next(loaded, 'invoke');
    await this.lifecycle.update(manager, guarantee, { status: state.status, loan_id: defaulted.loanId, invoked_on: defaulted.defaultedOn, overdue_fen: String(defaulted.overdueFen) });
    const liabilities: PartyLiabilityV1[] = [];
    for (const role of PARTY_ROLES) {
      const party = parties[role];
      const demandId = randomUUID();
      const channel = role === 'household' ? 'sms' : 'letter';
      await manager.query(
        `INSERT INTO guarantees.demands (id, guarantee_id, party_id, role, loan_id, demanded_on, amount_fen, channel) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [demandId, guarantee.id, party.id, role, defaulted.loanId, defaulted.defaultedOn, defaulted.overdueFen, channel],
      );
      liabilities.push({
        role,
        partyName: party.party_name,
        liabilityFen: defaulted.overdueFen,
        demandId,
        demandedOn: defaulted.defaultedOn,
        channel,
        ...(party.phone_sealed ? { phoneSealed: party.phone_sealed } : {}),
      });
    }
    const work = this.uow.join(manager, contextFromEvent(event));
    await work.outbox.append(GuaranteeInvoked, guarantee.id, {
      guaranteeId: guarantee.id,
      applicationId: guarantee.application_id,
      loanId: defaulted.loanId,
      townshipCode: guarantee.township_code,
      invokedOn: defaulted.defaultedOn,
      overdueFen: defaulted.overdueFen,
      parties: liabilities,
    });
  }
}
