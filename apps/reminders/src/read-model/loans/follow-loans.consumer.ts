import { Injectable } from '@nestjs/common';
import {
  ArrearsPaused,
  ArrearsPausedV1,
  EventEnvelope,
  LoanDefaulted,
  LoanDefaultedV1,
  LoanDisbursed,
  LoanDisbursedV1,
  LoanRepaid,
  LoanRepaidV1,
  LoanWrittenOff,
  LoanWrittenOffV1,
} from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { WaitingEvents } from '../shared/waiting-events';
import { waitingForLoan } from '../shared/waiting-keys';
import { loanIsKnown, settleLoanStatus } from './loan-standing';

const CONSUMER = 'follow-loans';
type LoanEvent = typeof LoanDisbursed | typeof ArrearsPaused | typeof LoanDefaulted | typeof LoanRepaid | typeof LoanWrittenOff;
type LoanPayload = LoanDisbursedV1 | ArrearsPausedV1 | LoanDefaultedV1 | LoanRepaidV1 | LoanWrittenOffV1;

/**
 * A loan's life as reminders needs it: disbursed (where it lives, for scope and tasks), its
 * arrears pauses (no reminder while one covers the day), defaulted, and closed (repaid or written
 * off: no more reminders). Dates only move one way (the latest default, the closing date), so a
 * replayed or late event changes nothing it should not. Its schedule is followed by FollowSchedules.
 */
@Injectable()
@EventConsumer({ service: 'reminders', name: CONSUMER, events: [LoanDisbursed, ArrearsPaused, LoanDefaulted, LoanRepaid, LoanWrittenOff] })
export class FollowLoans implements EventHandler<LoanEvent> {
  constructor(private readonly waiting: WaitingEvents) {
    waiting.register(CONSUMER, (event, manager) => this.handle(event as EventEnvelope<LoanPayload>, manager));
  }

  async handle(event: EventEnvelope<LoanPayload>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case LoanDisbursed.type:
        return this.disbursed(event.payload as LoanDisbursedV1, manager);
      case ArrearsPaused.type: {
        const pause = event.payload as ArrearsPausedV1;
        await manager.query(`INSERT INTO reminders.arrears_pauses (pause_id, loan_id, from_date, to_date) VALUES ($1, $2, $3, $4) ON CONFLICT (pause_id) DO NOTHING`, [
          pause.pauseId,
          pause.loanId,
          pause.from,
          pause.to,
        ]);
        return;
      }
      case LoanDefaulted.type: {
        const { loanId, defaultedOn } = event.payload as LoanDefaultedV1;
        if (!(await this.known(manager, loanId, event))) return;
        await manager.query(`UPDATE reminders.loans SET defaulted_on = GREATEST(defaulted_on, $2::date) WHERE loan_id = $1`, [loanId, defaultedOn]);
        await settleLoanStatus(manager, loanId);
        return;
      }
      case LoanRepaid.type: {
        const { loanId, repaidOn } = event.payload as LoanRepaidV1;
        return this.closed(manager, event, loanId, 'repaid', repaidOn);
      }
      default: {
        const { loanId, writtenOffOn } = event.payload as LoanWrittenOffV1;
        return this.closed(manager, event, loanId, 'written_off', writtenOffOn);
      }
    }
  }

  private async disbursed(loan: LoanDisbursedV1, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO reminders.loans (loan_id, application_id, project_id, county_code, township_code, disbursed_on) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (loan_id) DO NOTHING`,
      [loan.loanId, loan.applicationId, loan.projectId, loan.countyCode, loan.townshipCode, loan.disbursedOn],
    );
    await this.waiting.release(manager, waitingForLoan(loan.loanId));
  }

  /** A loan ends once: the first closing heard stays (a loan is either repaid or written off, never both). */
  private async closed(manager: EntityManager, event: EventEnvelope<LoanPayload>, loanId: string, status: 'repaid' | 'written_off', on: string): Promise<void> {
    if (!(await this.known(manager, loanId, event))) return;
    await manager.query(`UPDATE reminders.loans SET status = $2, closed_on = $3 WHERE loan_id = $1 AND status NOT IN ('repaid', 'written_off')`, [loanId, status, on]);
  }

  private known(manager: EntityManager, loanId: string, event: EventEnvelope<LoanPayload>): Promise<boolean> {
    return this.waiting.ready(manager, CONSUMER, waitingForLoan(loanId), event, () => loanIsKnown(manager, loanId));
  }
}
