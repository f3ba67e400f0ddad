import { ManualClock } from '@xingfu/common';
import { ALL_EVENT_CONTRACTS, EventEnvelope } from '@xingfu/contracts';
import { insertOutboxRow } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, startTestApp, TestApp } from '@xingfu/testing';
import { Workbook } from 'exceljs';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { loansDatabase } from '../../apps/loans/src/loans.database';
import { partnersDatabase } from '../../apps/partners/src/partners.database';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { ReportingModule } from '../../apps/reporting/src/reporting.module';
import { History, projectHistory } from './read-models-history';

/** The same history in another county: its division codes re-prefixed, everything else as it was. */
function inCounty(h: History, county: string): History {
  const moved = (code: string) => `${county}${code.slice(6)}`;
  const text = JSON.stringify(h.events);
  const events = JSON.parse(text, (key, value) => (['countyCode', 'townshipCode', 'villageCode'].includes(key) && typeof value === 'string' ? moved(value) : value));
  return { projectId: h.projectId, countyCode: county, townshipCode: moved(h.townshipCode), events };
}

/**
 * The report routes over the read model, fed the way production feeds it: two projects'
 * histories (PA's read-models-history: five mothers, three loans — one rescheduled in arrears,
 * one defaulted and written off, one repaid by a buyback — follow-ups and a fund) written into
 * their producers' outboxes, relayed to reporting's consumers. Every figure below is worked out
 * by hand from that history. The business date is 2026-12-01: every instalment has fallen due.
 */
describe('reporting: the portfolio, recovery and funds reports', () => {
  const clock = new ManualClock('2026-12-01');
  const a = projectHistory();
  const b = inCounty(projectHistory(), a.countyCode === '239901' ? '239902' : '239901');
  let app: TestApp;
  let databaseUrl: string;
  let foundation: string;
  let officerA: string;
  let managerB: string;

  const get = (path: string, token: string) => app.http().get(`/api/v1/reports/${path}`).set('Authorization', `Bearer ${token}`);
  const binary = (path: string, token: string) =>
    get(path, token)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('reports');
    app = await startTestApp({ services: [applicationsDatabase, loansDatabase, partnersDatabase, reportingDatabase], modules: [ReportingModule], databaseUrl, clock });
    foundation = await app.tokenFor('foundation');
    officerA = await app.tokenFor('officer', { townships: [a.townshipCode] });
    managerB = await app.tokenFor('project_manager', { counties: [b.countyCode] });
    const events: EventEnvelope[] = [...a.events, ...b.events];
    for (const event of events) {
      const contract = ALL_EVENT_CONTRACTS.find((c) => c.type === event.type && c.version === event.version)!;
      await app.dataSource.transaction((manager) => insertOutboxRow(manager, contract.producer, event));
    }
    await eventually(
      async () => {
        const [{ handled }] = await app.dataSource.query(`SELECT count(DISTINCT event_id)::int AS handled FROM reporting.inbox WHERE consumer LIKE 'reporting.read-model-%'`);
        expect(handled).toBe(events.length);
      },
      { timeoutMs: 60000 },
    );
  });
  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  /** One project's portfolio, as worked out from the history. */
  const PROJECT_FIGURES = {
    applicants: 5,
    eligible: 3,
    approved: 3,
    rejected: 1,
    withdrawn: 1,
    disbursedCount: 3,
    disbursedFen: 400000 + 300000 + 200000,
    repaidPrincipalFen: 120000 + 50000 + 200000,
    repaidFeeFen: 3000 + 2000,
    // Loan 1 owes 400000 − 120000; loan 2 was written off, loan 3 repaid.
    outstandingFen: 280000,
    activeCount: 1,
    repaidCount: 1,
    // Loan 1's rescheduled first instalment is 1 day late (1-30): PAR1 is all of it, PAR30 and PAR90 nothing.
    par1Rate: 1,
    par1Fen: 280000,
    par30Rate: 0,
    par30Fen: 0,
    par90Rate: 0,
    par90Fen: 0,
    defaultRate: 0.3333,
    defaultedCount: 1,
    writtenOffCount: 1,
    writtenOffFen: 250000,
    // The third mother's partner bought back 20,000 yuan: 15,000 paid to her, 485 of the withholding returned by loans.
    buybackCount: 1,
    buybackGrossFen: 2000000,
    buybackNetToMotherFen: 1500000 + 48500,
    // Three mothers followed up; under the raised ceiling (4,600 yuan) only the third (5,000) is out of poverty.
    followedUp: 3,
    outOfPovertyRate: 0.3333,
    outOfPoverty: 1,
    firstIncomeFen: 300000 + 200000 + 500000,
    latestIncomeFen: 450000 + 200000 + 500000,
    incomeChangeFen: 150000,
    averageIncomeChangeFen: 50000,
  };

  describe('portfolio', () => {
    it('gives each township’s figures from the cells, and the total from the summed sums', async () => {
      const res = await get('portfolio?groupBy=township', foundation).expect(200);
      expect(res.body).toMatchObject({ asOf: '2026-12-01', groupBy: ['township'], projectId: null, from: null, to: null });
      const byTownship = Object.fromEntries(res.body.items.map((row: { townshipCode: string }) => [row.townshipCode, row]));
      expect(byTownship[a.townshipCode]).toEqual({ townshipCode: a.townshipCode, ...PROJECT_FIGURES });
      expect(byTownship[b.townshipCode]).toEqual({ townshipCode: b.townshipCode, ...PROJECT_FIGURES });
      // Two alike townships: sums double, rates stay.
      expect(res.body.total).toMatchObject({ townshipCode: '合计', disbursedFen: 1800000, outstandingFen: 560000, defaultRate: 0.3333, defaultedCount: 2, par1Rate: 1 });
      expect(res.body.columns).toContainEqual({ key: 'par30Rate', header: 'PAR30', kind: 'ratio' });
      expect(res.body.columns[0]).toEqual({ key: 'townshipCode', header: '乡镇', kind: 'text' });
    });

    it('breaks a project down by month and industry, and from/to pick the months', async () => {
      const byMonth = (await get(`portfolio?groupBy=month&projectId=${a.projectId}`, foundation).expect(200)).body;
      // Applications count in their submission month (February), loans in their disbursement month (March).
      expect(byMonth.items.map((r: Record<string, unknown>) => [r.month, r.applicants, r.disbursedCount, r.outstandingFen])).toEqual([
        ['2026-02', 5, 0, 0],
        ['2026-03', 0, 3, 280000],
      ]);
      const march = (await get(`portfolio?groupBy=month&projectId=${a.projectId}&from=2026-03-15&to=2026-03-20`, foundation).expect(200)).body;
      expect(march.items.map((r: Record<string, unknown>) => r.month)).toEqual(['2026-03']);
      expect(march.total).toMatchObject({ month: '合计', applicants: 0, disbursedCount: 3 });
      const industry = (await get(`portfolio?groupBy=industry,partner&projectId=${a.projectId}`, foundation).expect(200)).body;
      expect(industry.items.map((r: Record<string, unknown>) => [r.industry, r.partnerId === null ? 'none' : 'partner', r.applicants, r.disbursedFen])).toEqual([
        ['cattle', 'none', 1, 300000],
        ['pig', 'partner', 1, 200000],
        ['pig', 'none', 3, 400000],
      ]);
    });

    it('gives the same figures from the township rollup as from the full cells', async () => {
      // groupBy=township reads portfolio_township_cells; adding village reads portfolio_cells.
      const rolled = (await get('portfolio?groupBy=township', foundation).expect(200)).body;
      const fine = (await get('portfolio?groupBy=township,village', foundation).expect(200)).body;
      expect(fine.total).toEqual({ ...rolled.total, villageCode: null });
      const byPartner = (await get(`portfolio?groupBy=partner&projectId=${a.projectId}`, foundation).expect(200)).body;
      expect(byPartner.items.map((r: Record<string, unknown>) => [r.partnerId === null ? 'none' : 'partner', r.buybackCount, r.buybackGrossFen, r.buybackNetToMotherFen])).toEqual([
        ['partner', 1, 2000000, 1548500],
        ['none', 0, 0, 0],
      ]);
    });

    it('without groupBy is one row, the total', async () => {
      const res = await get(`portfolio?projectId=${a.projectId}`, foundation).expect(200);
      expect(res.body.items).toEqual([PROJECT_FIGURES]);
      expect(res.body.total).toEqual(PROJECT_FIGURES);
    });
  });

  describe('recovery', () => {
    it('gives 回收率 by the month instalments fell due, what of it was repaid to date', async () => {
      const res = await get(`recovery?projectId=${a.projectId}`, foundation).expect(200);
      expect(res.body.groupBy).toEqual(['month']);
      // April: loan 1's first (101000, paid), loan 2's first (75000, 50000 paid by a guarantor), loan 3's first (50500, paid).
      // May–July: loan 2's (75000, unpaid) and loan 3's (50500, paid by the buyback). Loan 1's v1 instalments 2–4 were
      // replaced by the reschedule: its v2 falls due August–November (70500 each), the first 22000 paid.
      expect(res.body.items.map((r: Record<string, unknown>) => [r.month, r.dueFen, r.paidFen, r.recoveryRate])).toEqual([
        ['2026-04', 226500, 201500, 0.8896], // 0.889624…
        ['2026-05', 125500, 50500, 0.4024], // 0.402390…
        ['2026-06', 125500, 50500, 0.4024],
        ['2026-07', 125500, 50500, 0.4024],
        ['2026-08', 70500, 22000, 0.3121], // 0.312056…
        ['2026-09', 70500, 0, 0],
        ['2026-10', 70500, 0, 0],
        ['2026-11', 70500, 0, 0],
      ]);
      expect(res.body.total).toMatchObject({ month: '合计', dueFen: 885000, paidFen: 375000, unpaidFen: 510000, recoveryRate: 0.4237 }); // 0.423728…
    });

    it('counts only what has fallen due by the business date, and from/to pick due dates', async () => {
      clock.set('2026-06-30');
      try {
        const res = await get(`recovery?projectId=${a.projectId}`, foundation).expect(200);
        expect(res.body.total).toMatchObject({ dueFen: 226500 + 125500 * 2 });
        expect(res.body.asOf).toBe('2026-06-30');
      } finally {
        clock.set('2026-12-01');
      }
      const summer = (await get(`recovery?projectId=${a.projectId}&from=2026-05-01&to=2026-07-31`, foundation).expect(200)).body;
      expect(summer.total).toMatchObject({ dueFen: 376500, paidFen: 151500, recoveryRate: 0.4024 });
      const byTownship = (await get('recovery?groupBy=township', foundation).expect(200)).body;
      expect(byTownship.items.map((r: Record<string, unknown>) => [r.townshipCode, r.dueFen]).sort()).toEqual([[a.townshipCode, 885000], [b.townshipCode, 885000]].sort());
    });

    it('gives the same recovery from the township rollup as from the due cells village by village, rolled up', async () => {
      // groupBy=township,month reads due_township_cells; adding village reads due_cells.
      type Row = Record<string, string | number | null>;
      const rolledUp = (rows: Row[]) => {
        const sums = new Map<string, [number, number, number]>();
        for (const r of rows) {
          const key = `${String(r.townshipCode)} ${String(r.month)}`;
          const [due, principal, paid] = sums.get(key) ?? [0, 0, 0];
          sums.set(key, [due + Number(r.dueFen), principal + Number(r.duePrincipalFen), paid + Number(r.paidFen)]);
        }
        return [...sums.entries()].sort(([x], [y]) => x.localeCompare(y));
      };
      const asPairs = (rows: Row[]) => rolledUp(rows).map(([key, sums]) => [key, sums]);
      for (const query of ['', '&from=2026-05-01&to=2026-08-31']) {
        const township: Row[] = (await get(`recovery?groupBy=township,month${query}`, foundation).expect(200)).body.items;
        const village: Row[] = (await get(`recovery?groupBy=township,village,month${query}`, foundation).expect(200)).body.items;
        expect(township.length).toBeGreaterThan(1);
        expect(asPairs(township)).toEqual(asPairs(village));
        expect(township.length).toBe(rolledUp(village).length);
      }
      // By hand, project A's township (the figures of the first test): April 226500 due, 201500 paid; everything 885000 / 375000.
      const mine = (await get('recovery?groupBy=township,month', officerA).expect(200)).body;
      expect(mine.items.find((r: Row) => r.month === '2026-04')).toMatchObject({ townshipCode: a.townshipCode, dueFen: 226500, paidFen: 201500, recoveryRate: 0.8896 });
      expect(mine.items.every((r: Row) => r.townshipCode === a.townshipCode)).toBe(true);
      expect(mine.total).toMatchObject({ dueFen: 885000, paidFen: 375000, recoveryRate: 0.4237 });
      clock.set('2026-06-30');
      try {
        const early = (await get('recovery?groupBy=township', officerA).expect(200)).body;
        expect(early.items).toEqual([expect.objectContaining({ townshipCode: a.townshipCode, dueFen: 226500 + 125500 * 2, paidFen: 201500 + 50500 * 2 })]);
      } finally {
        clock.set('2026-12-01');
      }
    });
  });

  describe('funds', () => {
    it('gives 到位率 and 滚动率 per project with their parts', async () => {
      const res = await get('funds', foundation).expect(200);
      const row = res.body.items.find((r: { projectId: string }) => r.projectId === a.projectId);
      expect(row).toEqual({
        projectId: a.projectId,
        projectName: '报表项目',
        countyCode: a.countyCode,
        committedFen: 10000000,
        receivedFen: 7500000,
        arrivalRate: 0.75,
        disbursedFen: 900000,
        revolvingRate: 0.12,
        repaidPrincipalFen: 370000,
        writtenOffFen: 250000,
        outstandingFen: 280000,
      });
      expect(res.body.total).toMatchObject({ projectId: '合计', committedFen: 20000000, receivedFen: 15000000, arrivalRate: 0.75, revolvingRate: 0.12 });
    });
  });

  describe('rejections', () => {
    it('counts rejected applications by the reason given, in scope', async () => {
      const all = (await get('rejections?groupBy=township', foundation).expect(200)).body;
      expect(all.items.map((r: Record<string, unknown>) => [r.townshipCode, r.reason, r.rejected]).sort()).toEqual([[a.townshipCode, '收入超标', 1], [b.townshipCode, '收入超标', 1]].sort());
      expect(all.total).toMatchObject({ townshipCode: '合计', rejected: 2 });
      const mine = (await get('rejections', officerA).expect(200)).body;
      expect(mine.items).toEqual([{ reason: '收入超标', rejected: 1 }]);
      // Submitted in February: a window after it has none.
      expect((await get('rejections?from=2026-03-01', foundation).expect(200)).body.items).toEqual([]);
      const csv = (await binary('rejections.csv?groupBy=project', managerB).expect(200)).body.toString('utf8').slice(1).split('\r\n');
      expect(csv.slice(0, 3)).toEqual(['项目,未批准原因,人数', `${b.projectId},收入超标,1`, '合计,,1']);
    });
  });

  describe('scope', () => {
    it('shows an officer only her township, and nothing of another county’s project even when she names it', async () => {
      const mine = (await get('portfolio?groupBy=township', officerA).expect(200)).body;
      expect(mine.items.map((r: { townshipCode: string }) => r.townshipCode)).toEqual([a.townshipCode]);
      const theirs = (await get(`portfolio?groupBy=township&projectId=${b.projectId}`, officerA).expect(200)).body;
      expect(theirs.items).toEqual([]);
      expect(theirs.total).toMatchObject({ applicants: 0, disbursedFen: 0, par30Rate: null, defaultRate: null });
      expect((await get(`recovery?projectId=${b.projectId}`, officerA).expect(200)).body.items).toEqual([]);
      expect((await get('funds', officerA).expect(200)).body.items.map((r: { projectId: string }) => r.projectId)).toEqual([a.projectId]);
      expect((await get(`funds?projectId=${b.projectId}`, officerA).expect(200)).body.items).toEqual([]);
    });

    it('shows a project manager her counties only', async () => {
      const res = (await get('portfolio?groupBy=county', managerB).expect(200)).body;
      expect(res.items).toEqual([{ countyCode: b.countyCode, ...PROJECT_FIGURES }]);
      expect((await get('funds', managerB).expect(200)).body.items.map((r: { projectId: string }) => r.projectId)).toEqual([b.projectId]);
    });

    it('refuses partners (403) and callers without a token (401) on every report and export', async () => {
      const partner = await app.tokenFor('partner', { partnerId: 'bama-pig-co' });
      for (const report of ['portfolio', 'recovery', 'funds', 'rejections']) for (const path of [report, `${report}.csv`, `${report}.xlsx`]) {
        expect({ path, status: (await get(path, partner)).status }).toEqual({ path, status: 403 });
        expect({ path, status: (await app.http().get(`/api/v1/reports/${path}`)).status }).toEqual({ path, status: 401 });
      }
    });
  });

  describe('bad queries', () => {
    it.each([
      ['portfolio?groupBy=parish', 'groupBy'],
      ['portfolio?groupBy=township,township', 'groupBy'],
      ['portfolio?groupBy=', 'groupBy'],
      ['portfolio?from=2026-02-30', 'from'],
      ['portfolio?to=yesterday', 'to'],
      ['portfolio?from=2026-05-01&to=2026-04-30', 'to'],
      ['portfolio.csv?from=2026-05-01&to=2026-04-30', 'to'],
      ['portfolio?projectId=1', 'projectId'],
      ['recovery.xlsx?groupBy=county,nope', 'groupBy'],
      ['recovery?from=9999-12-31', 'from'],
      ['funds?projectId=x', 'projectId'],
    ])('%s → 400 naming %s', async (path, field) => {
      const res = await get(path, foundation).expect(400);
      expect(res.body).toEqual({ code: 'validation_failed', message: expect.any(String), details: { [field]: expect.any(Array) } });
    });

    it('refuses an unknown parameter', async () => {
      const res = await get('portfolio?groupBy=township&colour=red', foundation).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(Object.keys(res.body.details)).toEqual(['colour']);
    });
  });

  describe('exports', () => {
    it('serves the portfolio as CSV: BOM, Chinese headers, yuan, a file name', async () => {
      const res = await binary(`portfolio.csv?groupBy=township&projectId=${a.projectId}`, foundation).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="portfolio-township-2026-12-01.csv"');
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines[0].split(',').slice(0, 8)).toEqual(['乡镇', '申请人数', '符合条件', '已批准', '已拒绝', '已撤回', '放款笔数', '放款金额(元)']);
      const cells = lines[1].split(',');
      const at = (header: string) => cells[lines[0].split(',').indexOf(header)];
      expect([at('乡镇'), at('放款金额(元)'), at('贷款余额(元)'), at('PAR1'), at('违约率'), at('人均收入变化(元)')]).toEqual([a.townshipCode, '9000.00', '2800.00', '1', '0.3333', '500.00']);
      expect(lines[2].startsWith('合计,5,3,3,1,1,3,9000.00,')).toBe(true);
      expect(lines).toHaveLength(4); // header, the township, 合计, and the CRLF after it
    });

    it('serves the recovery report as a workbook that reads back: header, number formats, frozen pane, figures', async () => {
      const json = (await get(`recovery?projectId=${a.projectId}`, foundation).expect(200)).body;
      const res = await binary(`recovery.xlsx?projectId=${a.projectId}`, foundation).expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe('attachment; filename="recovery-month-2026-12-01.xlsx"');
      const workbook = new Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('回收率')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['月份', '回收率', '到期已还(元)', '到期应还(元)', '到期未还(元)', '其中到期本金(元)']);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const april = sheet.getRow(2);
      expect([april.getCell(1).value, april.getCell(2).value, april.getCell(3).value, april.getCell(4).value]).toEqual(['2026-04', 0.8896, 2015, 2265]);
      expect([april.getCell(2).numFmt, april.getCell(3).numFmt]).toEqual(['0.00%', '#,##0.00']);
      // Every row reads back as the JSON gives it (fen ÷ 100), the 合计 last.
      const rows = json.items.length;
      for (let i = 0; i < rows; i++) {
        const row = sheet.getRow(i + 2);
        expect([row.getCell(1).value, row.getCell(2).value, Math.round(Number(row.getCell(4).value) * 100)]).toEqual([json.items[i].month, json.items[i].recoveryRate, json.items[i].dueFen]);
      }
      expect(sheet.getRow(rows + 2).getCell(1).value).toBe('合计');
      expect(sheet.getRow(rows + 2).getCell(4).value).toBe(8850);
    });

    it('serves the funds report as a workbook too', async () => {
      const res = await binary(`funds.xlsx?projectId=${a.projectId}`, foundation).expect(200);
      const workbook = new Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('基金')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const row = sheet.getRow(2);
      const cell = (name: string) => row.getCell(header.indexOf(name) + 1);
      expect([cell('项目名称').value, cell('到位资金(元)').value, cell('到位率').value, cell('滚动率').value]).toEqual(['报表项目', 75000, 0.75, 0.12]);
      expect(cell('到位率').numFmt).toBe('0.00%');
    });
  });
});
