import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, PiiCipher } from '@xingfu/common';
import { GuarantorReplaced } from '@xingfu/contracts';
import { maskName, maskPhone, maskResidentId, parseResidentId } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { HOLDING_STATUSES } from '../../domain/guarantee-status';
import { HeldGuarantee, householdLimitRefusal, ownHouseholdRefusal } from '../../domain/household-rules';
import { GuaranteeLifecycle } from '../../shared/guarantee-lifecycle';
import { GuaranteeView } from '../../shared/guarantee-view';
import { NameHouseholdCommand } from './name-household.command';

@CommandHandler(NameHouseholdCommand)
export class NameHouseholdHandler implements ICommandHandler<NameHouseholdCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: GuaranteeLifecycle,
    private readonly view: GuaranteeView,
    private readonly clock: Clock,
    private readonly pii: PiiCipher,
  ) {}

  execute({ fields: { guaranteeId, ...input }, context }: NameHouseholdCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const loaded = await this.lifecycle.loadForChange(work, guaranteeId);
      const { guarantee, parties } = loaded;
      const current = parties.household;
      const step = current.status === 'unnamed' ? 'name' : 'replace';
      this.lifecycle.next(loaded, step, 'household');

      const idNumber = parseResidentId(input.idNumber).normalized;
      const idHash = this.pii.lookupHash(idNumber);
      const own = ownHouseholdRefusal({ motherIdHash: guarantee.mother_id_hash, headIdHash: idHash, relation: input.relation });
      if (own) throw own;
      // One household's namings one at a time, so two officers cannot both take its last slot.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`guarantor:${idHash}`]);
      const held: HeldGuarantee[] = await manager.query(
        `SELECT id AS "guaranteeId", application_id AS "applicationId", mother_name_masked AS "motherNameMasked", township_code AS "townshipCode",
                village_code AS "villageCode", status
           FROM guarantees.guarantees WHERE household_id_hash = $1 AND status = ANY($2) AND id <> $3 ORDER BY opened_on, id`,
        [idHash, HOLDING_STATUSES, guarantee.id],
      );
      const overLimit = householdLimitRefusal(held, guarantee.household_limit);
      if (overLimit) throw overLimit;

      const today = this.clock.today();
      const household = {
        status: 'pending' as const,
        party_name: maskName(input.headName),
        head_name_sealed: this.pii.encrypt(input.headName.trim()),
        id_number_sealed: this.pii.encrypt(idNumber),
        id_number_hash: idHash,
        id_number_masked: maskResidentId(idNumber),
        phone_sealed: this.pii.encrypt(input.phone),
        phone_masked: maskPhone(input.phone),
        relation: input.relation,
        named_on: today,
      };
      if (step === 'name') {
        await this.lifecycle.updateParty(manager, current, household);
      } else {
        await this.lifecycle.updateParty(manager, current, { current: false, replaced_on: today });
        await manager.query(
          `INSERT INTO guarantees.parties (id, guarantee_id, role, current, status, party_name, head_name_sealed, id_number_sealed, id_number_hash, id_number_masked,
                                           phone_sealed, phone_masked, relation, named_on)
           VALUES ($1, $2, 'household', true, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [randomUUID(), guarantee.id, household.status, household.party_name, household.head_name_sealed, household.id_number_sealed, household.id_number_hash,
            household.id_number_masked, household.phone_sealed, household.phone_masked, household.relation, household.named_on],
        );
        await work.outbox.append(GuarantorReplaced, guarantee.id, {
          guaranteeId: guarantee.id,
          applicationId: guarantee.application_id,
          role: 'household',
          townshipCode: guarantee.township_code,
          replacedOn: today,
        });
      }
      await this.lifecycle.update(manager, guarantee, { household_id_hash: idHash });
      return this.view.present(manager, guarantee);
    });
  }
}
