import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BuybackRow, DeliveryRow, EnrolmentRow, LoanKnownRow, ProgrammeRow } from './partner.rows';

const n = (v: string | number) => Number(v);

export const figuresOf = (b: BuybackRow) => ({
  headCount: b.head_count,
  totalWeightGrams: b.total_weight_grams,
  pricePerKgFen: b.price_per_kg_fen,
  marketReferencePerKgFen: b.market_reference_per_kg_fen,
  grossFen: n(b.gross_fen),
  stockCostDeductionFen: n(b.stock_cost_deduction_fen),
  loanWithheldFen: n(b.loan_withheld_fen),
  netPaidFen: n(b.net_paid_fen),
});

/**
 * What a reader (the partner included) sees of an enrolment: the mother's masked name and her
 * village (partners never hold her ID number or phone), what was delivered and acknowledged
 * beside the loan's in-kind part (a difference flagged), the expected buyback date and every
 * buyback with what reached her.
 */
@Injectable()
export class EnrolmentView {
  async present(manager: EntityManager, enrolment: EnrolmentRow) {
    return (await this.presentAll(manager, [enrolment]))[0];
  }

  /** Many at once, for a list: four queries, not four per enrolment. */
  async presentAll(manager: EntityManager, enrolments: EnrolmentRow[]) {
    if (!enrolments.length) return [];
    const ids = enrolments.map((e) => e.id);
    const deliveries: DeliveryRow[] = await manager.query(`SELECT * FROM partners.deliveries WHERE enrolment_id = ANY($1) ORDER BY delivered_on, created_at`, [ids]);
    const buybacks: BuybackRow[] = await manager.query(`SELECT * FROM partners.buybacks WHERE enrolment_id = ANY($1) ORDER BY bought_on, created_at`, [ids]);
    const loans: LoanKnownRow[] = await manager.query(`SELECT * FROM partners.loans WHERE application_id = ANY($1)`, [enrolments.map((e) => e.application_id)]);
    const programmes: ProgrammeRow[] = await manager.query(`SELECT * FROM partners.programmes WHERE id = ANY($1)`, [[...new Set(enrolments.map((e) => e.programme_id))]]);
    return enrolments.map((e) =>
      this.shape(
        e,
        programmes.find((p) => p.id === e.programme_id)!,
        deliveries.filter((d) => d.enrolment_id === e.id),
        buybacks.filter((b) => b.enrolment_id === e.id),
        loans.find((l) => l.application_id === e.application_id),
      ),
    );
  }

  private shape(e: EnrolmentRow, programme: ProgrammeRow, deliveries: DeliveryRow[], buybacks: BuybackRow[], loan: LoanKnownRow | undefined) {
    const deliveredFen = deliveries.reduce((sum, d) => sum + n(d.value_fen), 0);
    const acknowledgedFen = deliveries.filter((d) => d.acknowledged_on).reduce((sum, d) => sum + n(d.value_fen), 0);
    // The fund's in-kind part pays for the acknowledged deliveries; a partner's advance is no part of the loan (its in-kind part is then 0).
    const inKindExpectedFen = programme.cost_borne_by === 'fund' ? acknowledgedFen : 0;
    const differenceFen = loan ? loan.in_kind_fen - inKindExpectedFen : null;
    const confirmed = buybacks.filter((b) => b.status === 'confirmed');
    return {
      id: e.id,
      applicationId: e.application_id,
      partnerId: e.partner_id,
      projectId: e.project_id,
      villageCode: e.village_code,
      motherNameMasked: e.mother_name_masked,
      status: e.status,
      enrolledOn: e.enrolled_on,
      acceptedOn: e.accepted_on,
      refusedOn: e.refused_on,
      refusalReason: e.refusal_reason,
      programme: { id: programme.id, input: programme.input, unitCostFen: programme.unit_cost_fen, costBorneBy: programme.cost_borne_by, growOutDays: programme.grow_out_days, floorPricePerKgFen: programme.floor_price_per_kg_fen },
      deliveries: deliveries.map((d) => ({
        id: d.id,
        items: d.items,
        quantity: d.quantity,
        unitCostFen: d.unit_cost_fen,
        valueFen: n(d.value_fen),
        deliveredOn: d.delivered_on,
        acknowledged: d.acknowledged_on !== null,
        acknowledgedOn: d.acknowledged_on,
      })),
      expectedBuybackDate: e.expected_buyback_date,
      buybackOverdueFrom: e.overdue_from,
      flaggedOverdueOn: e.flagged_overdue_on,
      // The loan's in-kind part beside the acknowledged deliveries: they must agree (differenceFen = loan's in-kind − what the deliveries call for).
      inKind: { loanInKindFen: loan?.in_kind_fen ?? null, deliveredFen, acknowledgedFen, inKindExpectedFen, differenceFen, differs: differenceFen !== null && differenceFen !== 0 },
      loan: loan ? { loanId: loan.loan_id, principalFen: loan.principal_fen, outstandingPrincipalFen: loan.outstanding_principal_fen, disbursedOn: loan.disbursed_on } : null,
      buybacks: buybacks.map((b) => ({
        id: b.id,
        status: b.status,
        boughtOn: b.bought_on,
        ...figuresOf(b),
        confirmedOn: b.confirmed_on,
        disputedOn: b.disputed_on,
        disputeReason: b.dispute_reason,
        settledOn: b.settled_on,
        settlementOutcome: b.settlement_outcome,
        settlementReason: b.settlement_reason,
      })),
      netPaidFen: confirmed.reduce((sum, b) => sum + n(b.net_paid_fen), 0),
      loanWithheldFen: confirmed.reduce((sum, b) => sum + n(b.loan_withheld_fen), 0),
    };
  }
}
