import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ApplicationApproved, ApplicationApprovedV1, EventEnvelope } from '@xingfu/contracts';
import { actorLabel, contextFromEvent } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { lockApplicationOpening, takeEarlyGuarantee } from './early-guarantee';

/**
 * An approved application becomes a loan waiting for its three-party guarantee, with the terms
 * it was approved on. One loan per application (a unique key): the same event handled twice, or
 * re-emitted under a new id, creates one. An interest loan keeps the project's subsidy (贴息) as
 * it is at approval; a project loans does not know yet has none.
 */
@Injectable()
@EventConsumer({ service: 'loans', name: 'open-loan-when-application-approved', events: [ApplicationApproved] })
export class OpenLoanWhenApplicationApproved implements EventHandler<typeof ApplicationApproved> {
  private readonly logger = new Logger(OpenLoanWhenApplicationApproved.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
  ) {}

  async handle(event: EventEnvelope<ApplicationApprovedV1>, manager: EntityManager): Promise<void> {
    const a = event.payload;
    await lockApplicationOpening(manager, a.applicationId);
    const subsidy = a.chargeKind === 'interest' ? await subsidyOf(manager, a.projectId) : 0;
    const id = randomUUID();
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO loans.loans (id, application_id, project_id, county_code, township_code, village_code, mother_name_masked, mother_name_hash, id_number_masked, id_number_hash,
                                industry, model, partner_id, amount_fen, term_months, repayment_plan, charge_kind, rate_basis_points, subsidy_basis_points,
                                grace_days, disbursement_mode, approved_on, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, 'awaiting_guarantee')
       ON CONFLICT (application_id) DO NOTHING RETURNING id`,
      [id, a.applicationId, a.projectId, a.countyCode, a.townshipCode, a.villageCode, a.motherNameMasked, a.motherNameHash ?? null, a.idNumberMasked, a.idNumberHash ?? null,
        a.industry, a.model, a.partnerId ?? null, a.amountFen, a.termMonths, JSON.stringify(a.repaymentPlan), a.chargeKind, a.rateBasisPoints, subsidy,
        a.graceDays, a.disbursementMode, a.approvedOn],
    );
    if (!inserted.length) {
      this.logger.log(`application ${a.applicationId} has its loan already; ApplicationApproved ${event.eventId} changes nothing`);
      return;
    }
    const context = contextFromEvent(event);
    await manager.query(
      `INSERT INTO loans.loan_history (loan_id, step, from_status, to_status, business_date, actor, detail) VALUES ($1, 'approval', NULL, 'awaiting_guarantee', $2, $3, $4)`,
      [id, a.approvedOn, actorLabel(context.actor), JSON.stringify({ amountFen: a.amountFen, termMonths: a.termMonths, plan: a.repaymentPlan.kind, chargeKind: a.chargeKind })],
    );
    // Its guarantee may have taken effect before this event was delivered (another topic).
    const early = await takeEarlyGuarantee(manager, a.applicationId);
    if (early) {
      const work = this.uow.join(manager, context);
      const [loan] = await manager.query(`SELECT * FROM loans.loans WHERE id = $1 FOR UPDATE`, [id]);
      await this.lifecycle.move(work, loan, 'guarantee-effective', { guarantee_id: early.guarantee_id, guarantee_effective_on: early.effective_on }, { guaranteeId: early.guarantee_id, effectiveOn: early.effective_on, deliveredEarly: true });
    }
  }
}

async function subsidyOf(manager: EntityManager, projectId: string): Promise<number> {
  const [project]: { interest_subsidy_basis_points: number }[] = await manager.query(`SELECT interest_subsidy_basis_points FROM loans.projects WHERE project_id = $1`, [projectId]);
  return project?.interest_subsidy_basis_points ?? 0;
}
