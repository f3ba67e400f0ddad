import { randomUUID } from 'node:crypto';
import { FundLedger } from '../../apps/loans/src/shared/fund-ledger';
import { ledgerEntries } from '../../apps/loans/src/domain/ledger';
import { useIntakeContext } from '../support/intake-context';
import { FundDriver } from './fund-driver';

describe('loans: a project’s revolving fund', () => {
  const ctx = useIntakeContext({ label: 'fund' });
  const d = new FundDriver(ctx);
  const contribution = (o: object = {}) => ({ amountFen: 40_000_000, source: 'foundation', stage: 'received', date: ctx.clock.today(), ...o });
  /** A project of the context's county with a fund of its own, so each test's figures are its own. */
  const newFund = () => d.openFund(randomUUID());

  it('records the foundation’s grant and the county’s local match, and reads committed, received and 到位率 from the ledger, per round', async () => {
    const projectId = await newFund();
    await d.contribute(contribution({ stage: 'committed', round: 1, date: '2026-11-01', note: '基金会第一批' }), ctx.foundation, projectId).expect(201);
    await d.contribute(contribution({ stage: 'committed', source: 'local_match', date: '2026-11-02' }), ctx.manager, projectId).expect(201);
    const received = await d.contribute(contribution({ round: 1 }), ctx.foundation, projectId).expect(201);
    await d.contribute(contribution({ source: 'local_match', amountFen: 30_000_000 }), ctx.manager, projectId).expect(201);
    expect(received.body).toMatchObject({ projectId, source: 'foundation', stage: 'received', amountFen: 40_000_000, date: ctx.today, round: 1, note: null });

    const fund = (await d.figures(ctx.officer, projectId).expect(200)).body;
    expect(fund).toEqual({
      projectId,
      countyCode: ctx.county,
      openedOn: ctx.today,
      committedFen: 80_000_000,
      receivedFen: 70_000_000,
      arrivalRateBasisPoints: 8750,
      disbursedFen: 0,
      repaidFen: 0,
      outstandingFen: 0,
      writtenOffFen: 0,
      availableFen: 70_000_000,
      revolvingRateBasisPoints: 0,
      feeIncomeFen: 0,
      identityHolds: true,
      rounds: [
        expect.objectContaining({ round: 1, committedFen: 40_000_000, receivedFen: 40_000_000, arrivalRateBasisPoints: 10000, availableFen: 40_000_000 }),
        expect.objectContaining({ round: 'unassigned', committedFen: 40_000_000, receivedFen: 30_000_000, arrivalRateBasisPoints: 7500, availableFen: 30_000_000 }),
      ],
    });

    const [row] = await d.sql(`SELECT source, stage, amount_fen, contributed_on::text AS date, round, recorded_by FROM loans.contributions WHERE id = $1`, [received.body.id]);
    expect(row).toMatchObject({ source: 'foundation', stage: 'received', amount_fen: '40000000', date: ctx.today, round: 1, recorded_by: expect.stringMatching(/^user:/) });
    const [entry] = await d.sql(`SELECT kind, round, source_id FROM loans.ledger_entries WHERE id = $1`, [received.body.entryId]);
    expect(entry).toEqual({ kind: 'contribution_received', round: 1, source_id: received.body.id });
    const events = await d.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM (SELECT seq, type, key, payload FROM loans.outbox UNION ALL SELECT seq, type, key, payload FROM loans.outbox_archive) o WHERE type = 'FundContributionRecorded' AND key = $1 ORDER BY seq`,
      [projectId],
    );
    expect(events.map((e) => e.payload)).toEqual([
      { contributionId: expect.any(String), projectId, countyCode: ctx.county, source: 'foundation', stage: 'committed', amountFen: 40_000_000, date: '2026-11-01', round: 1 },
      { contributionId: expect.any(String), projectId, countyCode: ctx.county, source: 'local_match', stage: 'committed', amountFen: 40_000_000, date: '2026-11-02' },
      { contributionId: received.body.id, projectId, countyCode: ctx.county, source: 'foundation', stage: 'received', amountFen: 40_000_000, date: ctx.today, round: 1 },
      { contributionId: expect.any(String), projectId, countyCode: ctx.county, source: 'local_match', stage: 'received', amountFen: 30_000_000, date: ctx.today },
    ]);
  });

  it('reads disbursed, repaid, outstanding, written off, available, 滚动率 and fee income from the loans’ entries, and the identity holds', async () => {
    const projectId = await newFund();
    await d.contribute(contribution({ amountFen: 1_000_000, round: 1 }), ctx.foundation, projectId).expect(201);
    const ledger = ctx.app.app.get(FundLedger);
    const [loanA, loanB] = [randomUUID(), randomUUID()];
    const post = (kind: 'disbursement' | 'repayment' | 'write_off', loanId: string, lines: ReturnType<typeof ledgerEntries.disbursement>) =>
      ctx.app.dataSource.transaction((m) => ledger.post(m, { projectId, kind, entryDate: ctx.today, lines, createdBy: 'user:test', round: 1, loanId, sourceId: randomUUID() }));
    await post('disbursement', loanA, ledgerEntries.disbursement(300_000));
    await post('disbursement', loanB, ledgerEntries.disbursement(500_000));
    await post('repayment', loanA, ledgerEntries.repayment(300_000, 4_500));
    await post('disbursement', randomUUID(), ledgerEntries.disbursement(400_000));
    await post('repayment', loanB, ledgerEntries.repayment(100_000, 0));
    await post('write_off', loanB, ledgerEntries.writeOff(400_000));
    const fund = (await d.figures(ctx.manager, projectId).expect(200)).body;
    expect(fund).toMatchObject({
      receivedFen: 1_000_000,
      disbursedFen: 1_200_000,
      repaidFen: 400_000,
      outstandingFen: 400_000,
      writtenOffFen: 400_000,
      availableFen: 200_000,
      revolvingRateBasisPoints: 12000,
      feeIncomeFen: 4_500,
      identityHolds: true,
    });
    expect(fund.receivedFen).toBe(fund.availableFen + fund.outstandingFen + fund.writtenOffFen);
  });

  it('hides a fund from another county’s project manager and officer and from partners (404), and lets only the foundation and the county’s manager record money (403)', async () => {
    const projectId = await newFund();
    const otherManager = await ctx.app.tokenFor('project_manager', { counties: ['239999'] });
    const otherOfficer = await ctx.app.tokenFor('officer', { townships: ['239999001'] });
    const partner = await ctx.app.tokenFor('partner', { partnerId: 'p-1' });
    for (const token of [otherManager, otherOfficer, partner]) {
      expect((await d.figures(token, projectId).expect(404)).body).toMatchObject({ code: 'not_found' });
      await d.ledger('', token, projectId).expect(404);
      await d.contribute(contribution({ source: 'local_match' }), token, projectId).expect(404);
    }
    await d.contribute(contribution(), ctx.foundation, randomUUID()).expect(404);
    expect((await d.contribute(contribution({ source: 'local_match' }), ctx.officer, projectId).expect(403)).body).toMatchObject({ code: 'forbidden' });
    for (const source of ['foundation', 'donor']) {
      const refused = await d.contribute(contribution({ source }), ctx.manager, projectId).expect(403);
      expect(refused.body).toMatchObject({ code: 'contribution_source_not_allowed', details: { source, allowedSources: ['local_match'] } });
    }
    await d.contribute(contribution({ source: 'donor' }), ctx.foundation, projectId).expect(201);
    expect(await d.sql(`SELECT source FROM loans.contributions WHERE project_id = $1`, [projectId])).toEqual([{ source: 'donor' }]);
  });

  it.each([
    ['fractional fen', { amountFen: 1.5 }, 'amountFen'],
    ['a huge amount', { amountFen: 1e308 }, 'amountFen'],
    ['zero', { amountFen: 0 }, 'amountFen'],
    ['fen as a string', { amountFen: '100' }, 'amountFen'],
    ['a date in the future', { date: '2026-11-23' }, 'date'],
    ['not a date', { date: '2026-02-30' }, 'date'],
    ['an unknown source', { source: 'bank' }, 'source'],
    ['an unknown stage', { stage: 'promised' }, 'stage'],
    ['round 0', { round: 0 }, 'round'],
  ])('refuses %s with 400 in the one error shape, and books nothing', async (_name, change, field) => {
    const projectId = await newFund();
    const res = await d.contribute(contribution(change), ctx.foundation, projectId).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', message: expect.any(String), details: { [field]: [expect.any(String)] } });
    expect(await d.sql(`SELECT 1 FROM loans.ledger_entries WHERE project_id = $1`, [projectId])).toEqual([]);
  });

  it('records a contribution sent twice with one Idempotency-Key once, and answers the retry with the first answer', async () => {
    const projectId = await newFund();
    const key = randomUUID();
    const first = await d.contribute(contribution(), ctx.foundation, projectId, key).expect(201);
    const again = await d.contribute(contribution(), ctx.foundation, projectId, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    await d.contribute(contribution({ amountFen: 1 }), ctx.foundation, projectId, key).expect(422);
    expect(await d.sql(`SELECT id FROM loans.contributions WHERE project_id = $1`, [projectId])).toEqual([{ id: first.body.id }]);
    expect((await d.figures(ctx.foundation, projectId).expect(200)).body.receivedFen).toBe(40_000_000);
  });

  it('lists the ledger newest first, paged, each entry with its balanced lines', async () => {
    const projectId = await newFund();
    for (const amountFen of [100, 200, 300]) await d.contribute(contribution({ amountFen, stage: 'committed' }), ctx.foundation, projectId).expect(201);
    const first = (await d.ledger('?pageSize=2', ctx.officer, projectId).expect(200)).body;
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(first.items.map((e: { lines: { amountFen: number }[] }) => e.lines[0].amountFen)).toEqual([300, 200]);
    expect(first.items[0]).toEqual({
      id: expect.any(String),
      seq: expect.any(Number),
      kind: 'contribution_committed',
      date: ctx.today,
      round: null,
      loanId: null,
      sourceId: expect.any(String),
      correctsEntryId: null,
      memo: null,
      createdBy: expect.stringMatching(/^user:/),
      createdAt: expect.any(String),
      lines: [
        { lineNo: 1, account: 'pledges_receivable', amountFen: 300 },
        { lineNo: 2, account: 'pledged_contributions', amountFen: -300 },
      ],
    });
    expect(first.items[0].seq).toBeGreaterThan(first.items[1].seq);
    const second = (await d.ledger('?pageSize=2&page=2', ctx.officer, projectId).expect(200)).body;
    expect(second.items.map((e: { lines: { amountFen: number }[] }) => e.lines[0].amountFen)).toEqual([100]);
    expect((await d.ledger('?pageSize=201', ctx.officer, projectId).expect(400)).body).toMatchObject({ code: 'validation_failed' });
  });

  it('is refused by the database when a ledger row is edited or deleted, or an entry does not balance', async () => {
    const projectId = await newFund();
    const { entryId } = (await d.contribute(contribution(), ctx.foundation, projectId).expect(201)).body;
    await expect(d.sql(`UPDATE loans.ledger_lines SET amount_fen = amount_fen + 1 WHERE entry_id = $1`, [entryId])).rejects.toThrow(/append-only: UPDATE on ledger_lines refused/);
    await expect(d.sql(`DELETE FROM loans.ledger_lines WHERE entry_id = $1`, [entryId])).rejects.toThrow(/append-only: DELETE on ledger_lines refused/);
    await expect(d.sql(`UPDATE loans.ledger_entries SET entry_date = '2026-01-01' WHERE id = $1`, [entryId])).rejects.toThrow(/append-only: UPDATE on ledger_entries refused/);
    await expect(d.sql(`DELETE FROM loans.ledger_entries WHERE id = $1`, [entryId])).rejects.toThrow(/append-only: DELETE on ledger_entries refused/);
    const bad = randomUUID();
    await expect(
      ctx.app.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO loans.ledger_entries (id, project_id, kind, entry_date, created_by) VALUES ($1, $2, 'correction', $3, 'test')`, [bad, projectId, ctx.today]);
        await m.query(`INSERT INTO loans.ledger_lines (entry_id, line_no, project_id, account, amount_fen) VALUES ($1, 1, $2, 'fund_cash', 100), ($1, 2, $2, 'contributions', -99)`, [bad, projectId]);
      }),
    ).rejects.toThrow(/does not balance/);
    expect(await d.sql(`SELECT 1 FROM loans.ledger_entries WHERE id = $1`, [bad])).toEqual([]);
    expect((await d.figures(ctx.foundation, projectId).expect(200)).body).toMatchObject({ receivedFen: 40_000_000, availableFen: 40_000_000, identityHolds: true });
  });

  describe('loan settings', () => {
    const settings = (projectId: string) =>
      d.sql(`SELECT default_threshold_days, interest_subsidy_basis_points FROM loans.projects WHERE project_id = $1`, [projectId]);

    it('lets the county’s project manager and the foundation set the default threshold and the interest subsidy, within the project’s interest rate', async () => {
      const projectId = randomUUID();
      await d.registered(projectId, ctx.county, { chargeKind: 'interest', rateBasisPoints: 500 });
      await d.fundOpened(projectId);
      const res = await d.loanSettings({ defaultThresholdDays: 60, interestSubsidyBasisPoints: 300 }, ctx.manager, projectId).expect(200);
      expect(res.body).toEqual({ projectId, chargeKind: 'interest', rateBasisPoints: 500, defaultThresholdDays: 60, interestSubsidyBasisPoints: 300 });
      await d.loanSettings({ defaultThresholdDays: 120, interestSubsidyBasisPoints: 500 }, ctx.foundation, projectId).expect(200);
      expect(await settings(projectId)).toEqual([{ default_threshold_days: 120, interest_subsidy_basis_points: 500 }]);
      const above = await d.loanSettings({ defaultThresholdDays: 90, interestSubsidyBasisPoints: 501 }, ctx.manager, projectId).expect(400);
      expect(above.body).toMatchObject({ code: 'subsidy_above_rate', details: { maxBasisPoints: 500 } });
      expect(await settings(projectId)).toEqual([{ default_threshold_days: 120, interest_subsidy_basis_points: 500 }]);
    });

    it('refuses a subsidy on an interest-free project, a threshold out of 1..365, an officer (403) and another county (404)', async () => {
      const projectId = await newFund();
      expect((await d.loanSettings({ defaultThresholdDays: 90, interestSubsidyBasisPoints: 100 }, ctx.manager, projectId).expect(400)).body).toMatchObject({ code: 'subsidy_above_rate', details: { maxBasisPoints: 0 } });
      for (const defaultThresholdDays of [0, 366, 30.5]) {
        expect((await d.loanSettings({ defaultThresholdDays, interestSubsidyBasisPoints: 0 }, ctx.manager, projectId).expect(400)).body.details).toHaveProperty('defaultThresholdDays');
      }
      await d.loanSettings({ defaultThresholdDays: 30, interestSubsidyBasisPoints: 0 }, ctx.officer, projectId).expect(403);
      await d.loanSettings({ defaultThresholdDays: 30, interestSubsidyBasisPoints: 0 }, await ctx.app.tokenFor('project_manager', { counties: ['239999'] }), projectId).expect(404);
      expect(await settings(projectId)).toEqual([{ default_threshold_days: 90, interest_subsidy_basis_points: 0 }]);
    });
  });
});
