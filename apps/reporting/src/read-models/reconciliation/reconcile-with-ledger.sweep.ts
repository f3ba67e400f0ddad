import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ReportingDriftDetected } from '@xingfu/contracts';
import { DailySweep } from '@xingfu/jobs';
import { systemContext } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { driftOf, NO_TOTALS } from '../domain/drift';
import { ReportingSweep } from '../../reporting.jobs';
import { LoansLedgerPort } from './loans-ledger.port';
import { ReportingTotals } from './reporting-totals';

/**
 * The daily reconciliation: for a business date, compares each project's disbursed, repaid
 * principal and written-off totals of the days before it (the day itself may still have events
 * on their way) with the loans ledger's, and raises ReportingDriftDetected for each project
 * where they differ, with every figure and its difference.
 */
@Injectable()
export class ReconcileWithLedgerSweep {
  private readonly logger = new Logger('ReconcileWithLedgerSweep');

  constructor(
    private readonly ledger: LoansLedgerPort,
    private readonly reporting: ReportingTotals,
    private readonly uow: UnitOfWork,
  ) {}

  @DailySweep(ReportingSweep.Reconciliation)
  async sweep(businessDate: string): Promise<{ drifted: string[] }> {
    if (!(await this.ledger.available())) {
      this.logger.warn(`${businessDate}: no loans ledger in this database; reconciliation skipped`);
      return { drifted: [] };
    }
    const [ours, theirs] = await Promise.all([this.reporting.totalsBefore(businessDate), this.ledger.totalsBefore(businessDate)]);
    const projects = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
    const drifted: string[] = [];
    await this.uow.run(systemContext('reporting-reconciliation', randomUUID()), async (work) => {
      for (const projectId of projects) {
        const figures = driftOf(ours.get(projectId) ?? NO_TOTALS, theirs.get(projectId) ?? NO_TOTALS);
        if (!figures) continue;
        await work.outbox.append(ReportingDriftDetected, projectId, { projectId, businessDate, figures });
        drifted.push(projectId);
      }
    });
    if (drifted.length) this.logger.warn(`${businessDate}: reporting differs from the loans ledger for ${drifted.length} project(s): ${drifted.join(', ')}`);
    return { drifted };
  }
}
