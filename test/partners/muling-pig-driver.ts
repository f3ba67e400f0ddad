import { ManualClock } from '@xingfu/common';
import { eventually, TestApp } from '@xingfu/testing';
import { householdBody, signature } from '../guarantees/guarantee-driver';
import { MULING_POLICY } from '../support/intake';
import { login, newUser, startStandalone } from '../support/standalone-app';
import { benefitCard } from '../muling/loans.steps';
import { Mother, MULING_COUNTY, muLingMothers, TOWNSHIPS } from '../muling/muling-fixtures';
import { expectGet, expectPost, expectPut } from '../muling/muling-world';
import { companyBody } from './partner-driver';

/** 10 Bama piglets of breeding stock (巴马香猪种猪) at 300 yuan a head, advanced by the company: what the buyback deducts. */
export const PIGLETS = 10;
export const PIGLET_COST_FEN = 30000;
export const ADVANCE_FEN = PIGLETS * PIGLET_COST_FEN;
export const LOAN_FEN = 500000;
/** The price the company pays on the buyback day (28.50 yuan/kg), the market's (29.00) and the programme's floor (保底价 26.00). */
export const PRICE_PER_KG_FEN = 2850;
export const MARKET_PER_KG_FEN = 2900;
export const FLOOR_PER_KG_FEN = 2600;

export const DELIVERED_ON = '2026-11-24';
/** 120 days of grow-out after the delivery. */
export const BUYBACK_ON = '2027-03-24';
export const SETTLED_ON = '2027-03-26';

/** Distinct names, so each mother's masked name is hers: 韦秀梅 → 韦*梅. */
const NAMES = ['韦秀梅', '黄丽华', '蓝桂英', '覃美兰', '罗玉芬', '莫春燕', '陆金凤', '谭小红', '梁淑珍', '潘月娥', '杨翠英', '刘海燕', '廖凤霞', '农秀兰', '黎素芳', '欧阳小梅'];
export const MASKED = ['韦*梅', '黄*华', '蓝*英', '覃*兰', '罗*芬', '莫*燕', '陆*凤', '谭*红', '梁*珍', '潘*娥', '杨*英', '刘*燕', '廖*霞', '农*兰', '黎*芳', '欧**梅'];

/**
 * Each mother's buyback as the company weighs it, worked out by hand to the fen:
 * gross = grams × 2,850 fen/kg ÷ 1000 rounded half up (…5.5 → …6), deduction = the 300,000-fen
 * advance, net = gross − deduction − withheld. Three mothers lost a piglet (9 head); one has her
 * whole loan withheld (it is then repaid); the sixth is disputed (see CORRECTED).
 */
export const BUYBACKS: { headCount: number; totalWeightGrams: number; grossFen: number; loanWithheldFen: number; netPaidFen: number }[] = [
  { headCount: 10, totalWeightGrams: 301230, grossFen: 858506, loanWithheldFen: 300000, netPaidFen: 258506 },
  { headCount: 10, totalWeightGrams: 287455, grossFen: 819247, loanWithheldFen: 300000, netPaidFen: 219247 },
  { headCount: 9, totalWeightGrams: 262840, grossFen: 749094, loanWithheldFen: 200000, netPaidFen: 249094 },
  { headCount: 10, totalWeightGrams: 315670, grossFen: 899660, loanWithheldFen: 300000, netPaidFen: 299660 },
  { headCount: 10, totalWeightGrams: 298010, grossFen: 849329, loanWithheldFen: 300000, netPaidFen: 249329 },
  { headCount: 10, totalWeightGrams: 298450, grossFen: 850583, loanWithheldFen: 300000, netPaidFen: 250583 },
  { headCount: 10, totalWeightGrams: 306125, grossFen: 872456, loanWithheldFen: 300000, netPaidFen: 272456 },
  { headCount: 9, totalWeightGrams: 271390, grossFen: 773462, loanWithheldFen: 200000, netPaidFen: 273462 },
  { headCount: 10, totalWeightGrams: 322760, grossFen: 919866, loanWithheldFen: 300000, netPaidFen: 319866 },
  { headCount: 10, totalWeightGrams: 294385, grossFen: 838997, loanWithheldFen: 300000, netPaidFen: 238997 },
  { headCount: 10, totalWeightGrams: 309940, grossFen: 883329, loanWithheldFen: 300000, netPaidFen: 283329 },
  { headCount: 10, totalWeightGrams: 283515, grossFen: 808018, loanWithheldFen: 250000, netPaidFen: 258018 },
  { headCount: 10, totalWeightGrams: 318205, grossFen: 906884, loanWithheldFen: 300000, netPaidFen: 306884 },
  { headCount: 9, totalWeightGrams: 268770, grossFen: 765995, loanWithheldFen: 200000, netPaidFen: 265995 },
  { headCount: 10, totalWeightGrams: 331050, grossFen: 943493, loanWithheldFen: 500000, netPaidFen: 143493 },
  { headCount: 10, totalWeightGrams: 296600, grossFen: 845310, loanWithheldFen: 300000, netPaidFen: 245310 },
];
/** The disputed buyback (the officer's scale said more) and the loan repaid in full by its withholding. */
export const DISPUTED = 5;
export const REPAID_IN_FULL = 14;
/** Re-weighed at the settlement: 301.650 kg, 859,703 fen, the same withholding. */
export const CORRECTED = { headCount: 10, totalWeightGrams: 301650, grossFen: 859703, loanWithheldFen: 300000, netPaidFen: 259703 };

/** The buyback body a figure row makes. */
export const buybackFigures = (row: (typeof BUYBACKS)[number]) => ({ ...row, pricePerKgFen: PRICE_PER_KG_FEN, marketReferencePerKgFen: MARKET_PER_KG_FEN, stockCostDeductionFen: ADVANCE_FEN });

/**
 * The Muling townships moved to codes of their own (231085100 → 231085300): over Kafka a new
 * consumer group reads every file's events from the shared topics, and the chained Muling
 * scenario counts its townships' surveys; these 16 must not be among them.
 */
const pigTownshipOf = (township: string) => `${MULING_COUNTY}${Number(township.slice(6)) + 200}`;
const PIG_TOWNSHIPS = TOWNSHIPS.map(pigTownshipOf);

function inPigTownship(m: Mother): Mother {
  const moved = pigTownshipOf(m.township);
  const body = JSON.parse(JSON.stringify(m.body).replaceAll(`"${m.township}`, `"${moved}`)) as Mother['body'];
  return { ...m, township: moved, village: m.village.replace(m.township, moved), body };
}

/** One of the 16 company mothers and what each step made of her. */
export interface PigMother {
  index: number;
  m: Mother;
  applicationId: string;
  enrolmentId: string;
  loanId: string;
  buybackId: string;
}

/**
 * The pig programme's world: the standalone app, the business date, identity's users (8
 * township officers, the county's project manager, the foundation, the company's own user)
 * and the 16 mothers of the Muling fixtures' company group.
 */
export class PigProgramme {
  readonly clock = new ManualClock('2026-11-10');
  app!: TestApp;
  tokens!: { admin: string; officers: Record<string, string>; manager: string; foundation: string; partner: string };
  projectId!: string;
  partnerId!: string;
  mothers: PigMother[] = [];

  constructor(readonly kafka: boolean) {}

  sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.app.dataSource.query(query, params);
  }

  officerOf(p: PigMother): string {
    return this.tokens.officers[p.m.township];
  }

  async start(databaseUrl: string): Promise<void> {
    this.app = await startStandalone(databaseUrl, { clock: this.clock, kafka: this.kafka });
    const admin = await login(this.app, 'admin', 'admin-password-for-tests');
    const officers: Record<string, string> = {};
    for (const township of PIG_TOWNSHIPS) officers[township] = await newUser(this.app, admin, { role: 'officer', townships: [township] });
    this.tokens = {
      admin,
      officers,
      manager: await newUser(this.app, admin, { role: 'project_manager', counties: [MULING_COUNTY] }),
      foundation: await newUser(this.app, admin, { role: 'foundation' }),
      partner: '',
    };
  }

  /** The project, the company (a valid GB 32100 credit code), its programme, and a user of the company in identity. */
  async registerCompany(): Promise<void> {
    const project = await expectPost(this, this.tokens.foundation, '/projects', { name: '穆棱市幸福工程 2026 养猪', countyCode: MULING_COUNTY, ...MULING_POLICY });
    this.projectId = project.body.id;
    const company = await expectPost(this, this.tokens.foundation, '/partners', companyBody(MULING_COUNTY, { name: '穆棱市巴马香猪养殖有限公司' }));
    this.partnerId = company.body.id;
    await expectPost(this, this.tokens.manager, `/partners/${this.partnerId}/programmes`, {
      projectId: this.projectId,
      input: '巴马香猪种猪',
      unitCostFen: PIGLET_COST_FEN,
      costBorneBy: 'partner',
      growOutDays: 120,
      marketReferencePerKgFen: MARKET_PER_KG_FEN,
      floorPricePerKgFen: FLOOR_PER_KG_FEN,
      deductionRule: 'delivered_cost',
    });
    this.tokens.partner = await newUser(this.app, this.tokens.admin, { role: 'partner', partnerId: this.partnerId });
  }

  /** The intake of the 16, over HTTP as in test/muling: survey, home visit, screening, a notice per village, credit, approval with the company. */
  async approveSixteen(): Promise<void> {
    const company = muLingMothers(this.projectId).filter((m) => m.fate === 'approved_company').map(inPigTownship);
    const mothers = company.map((m, i) => ({
      ...m,
      body: { ...m.body, mother: { ...m.body.mother, name: NAMES[i] }, project: { ...m.body.project, partnerId: this.partnerId } },
    }));
    const officer = (m: Mother) => this.tokens.officers[m.township];
    const ids: string[] = [];
    for (const m of mothers) ids.push((await expectPost(this, officer(m), '/applications', m.body)).body.id);
    for (const [i, m] of mothers.entries()) {
      await expectPost(this, officer(m), `/applications/${ids[i]}/home-visits`, { visitedOn: '2026-11-03', findings: '猪舍已建好, 情况属实', verified: true });
      expect((await expectPost(this, officer(m), `/applications/${ids[i]}/screening`, {})).body.eligible).toBe(true);
    }
    // The 16 live in 16 villages (two in each township): a notice each, 2026-11-10 to 11-16.
    expect(new Set(mothers.map((m) => m.village)).size).toBe(mothers.length);
    const notices: string[] = [];
    for (const [i, m] of mothers.entries()) notices.push((await expectPost(this, officer(m), '/public-notices', { villageCode: m.village, applicationIds: [ids[i]], startDate: '2026-11-10', days: 7 })).body.id);
    this.clock.set('2026-11-17');
    // The notice's own closing job may be first once the date is past its end: closed is closed.
    for (const notice of notices) {
      const closed = await this.app.http().post(`/api/v1/public-notices/${notice}/close`).set('Authorization', `Bearer ${this.tokens.manager}`).send({});
      if (closed.status !== 201 && closed.body.code !== 'notice_closed') throw new Error(`closing notice ${notice} answered ${closed.status}: ${JSON.stringify(closed.body)}`);
    }
    for (const id of ids) await eventually(async () => expect((await expectGet(this, this.tokens.manager, `/applications/${id}`)).body.status).toBe('notice_passed'), { timeoutMs: 60000 });
    const plan = { amountFen: LOAN_FEN, termMonths: 6, repaymentPlan: { kind: 'bullet' }, disbursementMode: 'cash', partnerId: this.partnerId };
    for (const [i, m] of mothers.entries()) {
      expect((await expectPost(this, officer(m), `/applications/${ids[i]}/credit-assessment`, { components: { honesty: 95, labour: 90, income: 80 }, evidence: '村民会议评议, 入户走访' })).body.grade).toBe('A');
      await expectPost(this, this.tokens.manager, `/applications/${ids[i]}/approval`, plan);
    }
    this.mothers = mothers.map((m, index) => ({ index, m, applicationId: ids[index], enrolmentId: '', loanId: '', buybackId: '' }));
  }

  /** Each loan guaranteed (三方联保), signed and paid out in cash to her card: the company's piglets are no part of it. */
  async lendInCash(): Promise<void> {
    this.clock.set('2026-11-23');
    await eventually(async () => expect(await this.sql(`SELECT 1 FROM loans.funds WHERE project_id = $1`, [this.projectId])).toHaveLength(1), { timeoutMs: 60000 });
    await expectPost(this, this.tokens.foundation, `/projects/${this.projectId}/fund/contributions`, { amountFen: this.mothers.length * LOAN_FEN, source: 'foundation', stage: 'received', date: '2026-11-23' });
    for (const p of this.mothers) {
      const guaranteeId = await eventually(async () => {
        const [row] = await this.sql(`SELECT id FROM guarantees.guarantees WHERE application_id = $1`, [p.applicationId]);
        expect(row).toBeDefined();
        return row.id as string;
      }, { timeoutMs: 60000 });
      await expectPut(this, this.officerOf(p), `/guarantees/${guaranteeId}/parties/household`, householdBody(MULING_COUNTY));
      for (const role of ['township', 'village', 'household']) await expectPost(this, this.officerOf(p), `/guarantees/${guaranteeId}/parties/${role}/signature`, signature(role, '2026-11-23'));
    }
    for (const p of this.mothers) {
      p.loanId = await eventually(async () => {
        const [row] = await this.sql(`SELECT id, status FROM loans.loans WHERE application_id = $1`, [p.applicationId]);
        expect(row?.status).toBe('awaiting_agreement');
        return row.id as string;
      }, { timeoutMs: 60000 });
      await expectPost(this, this.officerOf(p), `/loans/${p.loanId}/agreement`, { signedOn: '2026-11-23' });
    }
    this.clock.set(DELIVERED_ON);
    for (const p of this.mothers) {
      const cash = { amountFen: LOAN_FEN, cardNumber: benefitCard(p.m.index), cardHolderName: p.m.body.mother.name };
      await expectPost(this, this.tokens.manager, `/loans/${p.loanId}/disbursement`, { date: DELIVERED_ON, round: 1, cash });
    }
  }

  /** The approvals enrolled each mother pending the company; it accepts all 16 and delivers 10 piglets each; her officer acknowledges them. */
  async enrolAndDeliver(): Promise<void> {
    for (const p of this.mothers) {
      p.enrolmentId = await eventually(async () => {
        const [row] = await this.sql(`SELECT id FROM partners.enrolments WHERE application_id = $1`, [p.applicationId]);
        expect(row).toBeDefined();
        return row.id as string;
      }, { timeoutMs: 60000 });
      await expectPost(this, this.tokens.partner, `/enrolments/${p.enrolmentId}/acceptance`, {});
      const delivered = await expectPost(this, this.tokens.partner, `/enrolments/${p.enrolmentId}/deliveries`, { items: '巴马香猪种猪 (仔猪)', quantity: PIGLETS, unitCostFen: PIGLET_COST_FEN, deliveredOn: DELIVERED_ON });
      expect(delivered.body).toMatchObject({ status: 'accepted', expectedBuybackDate: BUYBACK_ON, inKind: { deliveredFen: ADVANCE_FEN, acknowledgedFen: 0 } });
      await expectPost(this, this.officerOf(p), `/deliveries/${delivered.body.deliveries[0].id}/acknowledgement`, { acknowledgedOn: DELIVERED_ON });
    }
    // partners must have heard every loan go out before a buyback may withhold for it.
    await eventually(async () => {
      const [{ n }] = await this.sql(`SELECT count(*)::int AS n FROM partners.loans WHERE application_id = ANY($1) AND outstanding_principal_fen = $2`, [this.mothers.map((p) => p.applicationId), LOAN_FEN]);
      expect(n).toBe(this.mothers.length);
    }, { timeoutMs: 60000 });
  }

  /** 120 days on, the company weighs and pays; the officers confirm 15 on the mothers' behalf and dispute one; a project manager settles it. */
  async buyBack(): Promise<void> {
    this.clock.set(BUYBACK_ON);
    for (const p of this.mothers) {
      const recorded = await expectPost(this, this.tokens.partner, `/enrolments/${p.enrolmentId}/buybacks`, { boughtOn: BUYBACK_ON, ...buybackFigures(BUYBACKS[p.index]) });
      p.buybackId = recorded.body.buybacks[0].id;
    }
    for (const p of this.mothers) {
      if (p.index === DISPUTED) await expectPost(this, this.officerOf(p), `/buybacks/${p.buybackId}/dispute`, { reason: '过磅重量与农户记录不符 (农户称重 301.65 公斤)' });
      else await expectPost(this, this.officerOf(p), `/buybacks/${p.buybackId}/confirmation`, {});
    }
  }

  async settleDispute(): Promise<void> {
    this.clock.set(SETTLED_ON);
    const disputed = this.mothers[DISPUTED];
    const settled = await expectPost(this, this.tokens.manager, `/buybacks/${disputed.buybackId}/settlement`, {
      outcome: 'corrected',
      reason: '复称后确认重量为 301.65 公斤',
      figures: { ...buybackFigures(CORRECTED) },
    });
    expect(settled.body.buybacks[0]).toMatchObject({ status: 'confirmed', settlementOutcome: 'corrected', settledOn: SETTLED_ON, ...CORRECTED });
  }

  /** The withholding each loan should show: the settled figure for the disputed one. */
  withheldOf(p: PigMother): number {
    return p.index === DISPUTED ? CORRECTED.loanWithheldFen : BUYBACKS[p.index].loanWithheldFen;
  }

  netOf(p: PigMother): number {
    return p.index === DISPUTED ? CORRECTED.netPaidFen : BUYBACKS[p.index].netPaidFen;
  }

  loan(p: PigMother) {
    return expectGet(this, this.tokens.manager, `/loans/${p.loanId}`);
  }

  /** The buyback postings of the programme's loans, per loan. */
  async buybackPostings(): Promise<Map<string, { amount_fen: number; reference: string; source_event_id: string; paid_on: string }[]>> {
    const rows = await this.sql(
      `SELECT loan_id, amount_fen, reference, source_event_id, paid_on::text FROM loans.repayments WHERE source = 'buyback' AND loan_id = ANY($1) ORDER BY created_at`,
      [this.mothers.map((p) => p.loanId)],
    );
    const byLoan = new Map<string, any[]>();
    for (const { loan_id, ...row } of rows) byLoan.set(loan_id, [...(byLoan.get(loan_id) ?? []), row]);
    return byLoan;
  }
}
