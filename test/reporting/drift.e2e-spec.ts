import { randomUUID } from 'node:crypto';
import { eventually } from '@xingfu/testing';
import { ReconcileWithLedgerSweep } from '../../apps/reporting/src/read-models/reconciliation/reconcile-with-ledger.sweep';
import { LoanDriver } from '../loans/loan-driver';
import { PLAIN_APPROVAL } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';

/**
 * Every service in one process: a real loan paid out and partly repaid through loans' routes
 * (its ledger is the book of record), reporting fed by the events. The daily reconciliation
 * finds them equal; a fact changed by hand in reporting is reported with its difference.
 */
describe('reporting: the daily reconciliation with the loans ledger', () => {
  const ctx = useIntakeContext({ label: 'drift' });
  const d = new LoanDriver(ctx);
  const tomorrow = '2026-11-23';

  const sweep = (date: string) => ctx.app.app.get(ReconcileWithLedgerSweep).sweep(date);
  const driftEvents = () =>
    d.sql<{ key: string; payload: { projectId: string; businessDate: string; figures: object[] } }>(
      `SELECT key, payload FROM (SELECT seq, key, type, payload FROM reporting.outbox UNION ALL SELECT seq, key, type, payload FROM reporting.outbox_archive) o
        WHERE type = 'ReportingDriftDetected' ORDER BY seq`,
    );

  let loanId: string;

  beforeAll(async () => {
    ({ loanId } = await d.disbursedLoan({ plan: { ...PLAIN_APPROVAL, amountFen: 300000 } }));
    const paid = await ctx.app
      .http()
      .post(`/api/v1/loans/${loanId}/repayments`)
      .set('Authorization', `Bearer ${ctx.officer}`)
      .set('Idempotency-Key', randomUUID())
      .send({ amountFen: 100000, paidOn: ctx.clock.today(), source: 'cash', reference: '收据 0012345' });
    expect(paid.status).toBe(201);
    await eventually(async () => {
      const [loan] = await d.sql(`SELECT principal_fen::int, repaid_principal_fen::int FROM reporting.loans WHERE loan_id = $1`, [loanId]);
      expect(loan).toEqual({ principal_fen: 300000, repaid_principal_fen: 100000 });
    }, { timeoutMs: 60000 });
  });

  it('raises nothing while reporting and the ledger agree', async () => {
    expect(await sweep(tomorrow)).toEqual({ drifted: [] });
    expect(await driftEvents()).toEqual([]);
  });

  it('reports each figure with its difference when a fact of reporting no longer matches the ledger', async () => {
    await d.sql(`UPDATE reporting.repayments SET principal_fen = principal_fen - 1 WHERE loan_id = $1`, [loanId]);
    await d.sql(`UPDATE reporting.loans SET principal_fen = principal_fen + 500 WHERE loan_id = $1`, [loanId]);

    expect(await sweep(tomorrow)).toEqual({ drifted: [ctx.projectId] });
    expect(await driftEvents()).toEqual([
      {
        key: ctx.projectId,
        payload: {
          projectId: ctx.projectId,
          businessDate: tomorrow,
          figures: [
            { figure: 'disbursed', reportingFen: 300500, ledgerFen: 300000, differenceFen: 500 },
            { figure: 'repaid_principal', reportingFen: 99999, ledgerFen: 100000, differenceFen: -1 },
            { figure: 'written_off', reportingFen: 0, ledgerFen: 0, differenceFen: 0 },
          ],
        },
      },
    ]);
  });

  it('counts only the days before the business date (the day itself may still have events on their way)', async () => {
    expect(await sweep(ctx.clock.today())).toEqual({ drifted: [] });
  });
});
