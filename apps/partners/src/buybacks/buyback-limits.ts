import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BuybackLimits } from '../domain/buyback-arithmetic';
import { EnrolmentRow, LoanKnownRow, ProgrammeRow } from '../shared/partner.rows';

/**
 * What a buyback of this enrolment is checked against, from what partners knows now: the
 * programme's floor; the partner's advance not yet recovered; the loan's outstanding principal
 * less what other buybacks withhold that loans has not posted yet (recorded, disputed, or
 * confirmed and on the way), so two buybacks never withhold the same fen twice.
 */
@Injectable()
export class BuybackLimitsReader {
  async limitsFor(manager: EntityManager, enrolment: EnrolmentRow, programme: ProgrammeRow, exceptBuybackId: string | null = null): Promise<BuybackLimits> {
    const [{ acknowledged }]: { acknowledged: string }[] = await manager.query(
      `SELECT coalesce(sum(value_fen), 0) AS acknowledged FROM partners.deliveries WHERE enrolment_id = $1 AND acknowledged_on IS NOT NULL`,
      [enrolment.id],
    );
    const [{ deducted, inFlight }]: { deducted: string; inFlight: string }[] = await manager.query(
      `SELECT coalesce(sum(stock_cost_deduction_fen), 0) AS deducted,
              coalesce(sum(loan_withheld_fen) FILTER (WHERE posted_to_loan_fen IS NULL), 0) AS "inFlight"
         FROM partners.buybacks WHERE enrolment_id = $1 AND status <> 'voided' AND ($2::uuid IS NULL OR id <> $2)`,
      [enrolment.id, exceptBuybackId],
    );
    const [loan]: LoanKnownRow[] = await manager.query(`SELECT * FROM partners.loans WHERE application_id = $1`, [enrolment.application_id]);
    const recoversAdvance = programme.cost_borne_by === 'partner' && programme.deduction_rule === 'delivered_cost';
    return {
      floorPricePerKgFen: programme.floor_price_per_kg_fen,
      recoverableAdvanceFen: recoversAdvance ? Math.max(0, Number(acknowledged) - Number(deducted)) : 0,
      loanOutstandingFen: loan ? Math.max(0, loan.outstanding_principal_fen - Number(inFlight)) : 0,
    };
  }
}
