import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PARTY_ROLES } from '../domain/guarantee-status';
import { DemandRow, GuaranteeRow, PartyRow, PaymentRow } from './guarantee.rows';

const fen = (v: string | null) => (v === null ? null : Number(v));

/** What a reader sees of a guarantee: each party's state and dates, its demands and what it paid. ID numbers only masked. */
@Injectable()
export class GuaranteeView {
  async present(manager: EntityManager, guarantee: GuaranteeRow) {
    // One after the other: inside a unit of work the three share one connection.
    const parties: PartyRow[] = await manager.query(`SELECT * FROM guarantees.parties WHERE guarantee_id = $1 ORDER BY created_at, id`, [guarantee.id]);
    const demands: DemandRow[] = await manager.query(`SELECT * FROM guarantees.demands WHERE guarantee_id = $1 ORDER BY demanded_on, created_at`, [guarantee.id]);
    const payments: PaymentRow[] = await manager.query(`SELECT * FROM guarantees.payments WHERE guarantee_id = $1 ORDER BY paid_on, created_at`, [guarantee.id]);
    return this.shape(guarantee, parties, demands, payments);
  }

  /** Many at once, for a list: three queries, not three per guarantee. */
  async presentAll(manager: EntityManager, guarantees: GuaranteeRow[]) {
    const ids = guarantees.map((g) => g.id);
    if (!ids.length) return [];
    const parties: (PartyRow & { guarantee_id: string })[] = await manager.query(`SELECT * FROM guarantees.parties WHERE guarantee_id = ANY($1) ORDER BY created_at, id`, [ids]);
    const demands: (DemandRow & { guarantee_id: string })[] = await manager.query(`SELECT * FROM guarantees.demands WHERE guarantee_id = ANY($1) ORDER BY demanded_on, created_at`, [ids]);
    const payments: (PaymentRow & { guarantee_id: string })[] = await manager.query(`SELECT * FROM guarantees.payments WHERE guarantee_id = ANY($1) ORDER BY paid_on, created_at`, [ids]);
    const of = <T extends { guarantee_id: string }>(rows: T[], id: string) => rows.filter((r) => r.guarantee_id === id);
    return guarantees.map((g) => this.shape(g, of(parties, g.id), of(demands, g.id), of(payments, g.id)));
  }

  private shape(g: GuaranteeRow, parties: PartyRow[], demands: DemandRow[], payments: PaymentRow[]) {
    const present = (p: PartyRow) => ({
      id: p.id,
      role: p.role,
      status: p.status,
      name: p.party_name,
      ...(p.role === 'household' && p.id_number_hash
        ? { household: { headNameMasked: p.party_name, idNumberMasked: p.id_number_masked, idHash: p.id_number_hash, phoneMasked: p.phone_masked, relation: p.relation } }
        : {}),
      namedOn: p.named_on,
      signerName: p.signer_name,
      signerOffice: p.signer_office,
      signedOn: p.signed_on,
      declinedOn: p.declined_on,
      declineReason: p.decline_reason,
      replacedOn: p.replaced_on,
    });
    const current = parties.filter((p) => p.current);
    return {
      id: g.id,
      applicationId: g.application_id,
      projectId: g.project_id,
      countyCode: g.county_code,
      townshipCode: g.township_code,
      villageCode: g.village_code,
      motherNameMasked: g.mother_name_masked,
      motherIdNumberMasked: g.mother_id_masked,
      status: g.status,
      outcome: g.outcome,
      openedOn: g.opened_on,
      deadline: g.deadline,
      effectiveOn: g.effective_on,
      lapsedOn: g.lapsed_on,
      reopenedOn: g.reopened_on,
      reopened: g.reopened,
      loanId: g.loan_id,
      invokedOn: g.invoked_on,
      overdueFen: fen(g.overdue_fen),
      endedOn: g.ended_on,
      parties: PARTY_ROLES.map((role) => current.find((p) => p.role === role))
        .filter((p): p is PartyRow => p !== undefined)
        .map((p) => ({
          ...present(p),
          demands: demands.filter((d) => d.role === p.role).map((d) => ({ id: d.id, demandedOn: d.demanded_on, amountFen: fen(d.amount_fen), channel: d.channel, loanId: d.loan_id })),
          payments: payments.filter((x) => x.role === p.role).map((x) => ({ id: x.id, repaymentId: x.repayment_id, paidOn: x.paid_on, amountFen: fen(x.amount_fen) })),
          paidFen: payments.filter((x) => x.role === p.role).reduce((sum, x) => sum + Number(x.amount_fen), 0),
        })),
      replacedParties: parties.filter((p) => !p.current).map(present),
    };
  }
}
