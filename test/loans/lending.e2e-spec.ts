import { randomUUID } from 'node:crypto';
import { ApplicationApproved, GuaranteeEffective } from '@xingfu/contracts';
import { newEnvelope } from '@xingfu/messaging';
import { eventually } from '@xingfu/testing';
import { AwaitAgreementWhenGuaranteeEffective } from '../../apps/loans/src/lending/opening/await-agreement-when-guarantee-effective.consumer';
import { OpenLoanWhenApplicationApproved } from '../../apps/loans/src/lending/opening/open-loan-when-application-approved.consumer';
import { PLAIN_APPROVAL } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';
import { LoanDriver, MOTHER_CARD } from './loan-driver';

describe('lending: from approval to disbursement', () => {
  const ctx = useIntakeContext({ label: 'loans_lending' });
  let d: LoanDriver;
  beforeAll(() => {
    d = new LoanDriver(ctx);
  });

  const loanRow = async (loanId: string) => (await d.sql<Record<string, any>>(`SELECT * FROM loans.loans WHERE id = $1`, [loanId]))[0];

  it('creates one loan awaiting its guarantee per approval, however often ApplicationApproved comes, with the approved terms', async () => {
    const { applicationId, loanId } = await d.approvedLoan();
    const [approved] = await d.sql<{ payload: any }>(
      `SELECT payload FROM (SELECT type, payload FROM applications.outbox UNION ALL SELECT type, payload FROM applications.outbox_archive) o WHERE type = 'ApplicationApproved' AND payload->>'applicationId' = $1`,
      [applicationId],
    );
    // Re-emitted under a new event id, as a republish would.
    const again = await d.guarantees.emit(ApplicationApproved, applicationId, approved.payload);
    await eventually(async () => expect(await d.sql(`SELECT 1 FROM loans.inbox WHERE event_id = $1`, [again.eventId])).toHaveLength(1));
    expect(await d.sql(`SELECT id FROM loans.loans WHERE application_id = $1`, [applicationId])).toEqual([{ id: loanId }]);
    const loan = await loanRow(loanId);
    expect(loan).toMatchObject({
      status: 'awaiting_guarantee',
      amount_fen: 300000,
      term_months: 12,
      repayment_plan: { kind: 'bullet' },
      disbursement_mode: 'cash',
      mother_name_masked: '王*梅',
      project_id: ctx.projectId,
      township_code: ctx.township,
    });
    // The last character is the check digit, which may be X.
    expect(loan.id_number_masked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(await d.sql(`SELECT step, to_status FROM loans.loan_history WHERE loan_id = $1`, [loanId])).toEqual([{ step: 'approval', to_status: 'awaiting_guarantee' }]);
  });

  it('refuses the agreement while the guarantee is not effective (409), and takes it once GuaranteeEffective moved the loan', async () => {
    const { applicationId, loanId } = await d.approvedLoan();
    const early = await d.signAgreement(loanId).expect(409);
    expect(early.body).toMatchObject({ code: 'illegal_step', details: { currentState: 'awaiting_guarantee' } });

    const guaranteeId = await d.guarantees.guaranteeIdOf(applicationId);
    await d.guarantees.nameHousehold(guaranteeId).expect(200);
    for (const role of ['township', 'village', 'household']) await d.guarantees.sign(guaranteeId, role).expect(201);
    await d.loanIdOf(applicationId, 'awaiting_agreement');
    expect(await loanRow(loanId)).toMatchObject({ guarantee_id: guaranteeId, guarantee_effective_on: ctx.today });

    const future = await d.signAgreement(loanId, { signedOn: '2026-11-23' }).expect(400);
    expect(future.body.details).toHaveProperty('signedOn');
    const before = await d.signAgreement(loanId, { signedOn: '2026-11-21' }).expect(400);
    expect(before.body.details.signedOn[0]).toContain('before the guarantee took effect');
    await d.signAgreement(loanId, { signedOn: ctx.today }, ctx.manager).expect(403);

    const signed = await d.signAgreement(loanId).expect(201);
    expect(signed.body).toMatchObject({ status: 'agreement_signed', agreement: { signedOn: ctx.today } });
    expect((await d.events(loanId, 'LoanAgreementSigned')).map((e) => e.payload)).toEqual([
      { loanId, applicationId, projectId: ctx.projectId, townshipCode: ctx.township, signedOn: ctx.today },
    ]);
    await d.signAgreement(loanId).expect(409);
  });

  it('keeps a GuaranteeEffective that comes before its loan and applies it when the loan is created', async () => {
    const applicationId = await ctx.build.creditAssessed();
    const guaranteeId = randomUUID();
    const effective = await d.guarantees.emit(GuaranteeEffective, guaranteeId, { guaranteeId, applicationId, projectId: ctx.projectId, townshipCode: ctx.township, effectiveOn: ctx.today });
    await eventually(async () => expect(await d.sql(`SELECT 1 FROM loans.inbox WHERE event_id = $1`, [effective.eventId])).toHaveLength(1));
    await ctx.build.as(ctx.manager).post(`/applications/${applicationId}/approval`, PLAIN_APPROVAL).expect(201);
    const loanId = await d.loanIdOf(applicationId, 'awaiting_agreement');
    expect(await loanRow(loanId)).toMatchObject({ guarantee_id: guaranteeId, guarantee_effective_on: ctx.today });
    expect(await d.sql(`SELECT 1 FROM loans.early_guarantee_effective WHERE application_id = $1`, [applicationId])).toEqual([]);
  });

  it('moves the loan when its GuaranteeEffective is handled while the ApplicationApproved that creates it has not committed yet', async () => {
    // The two consumers run side by side (different topics). The interleaving that once left a
    // loan awaiting a guarantee already in effect: the loan inserted, not yet committed, when
    // GuaranteeEffective looks for it; the guarantee then kept, unseen by the opening.
    const template = (await d.approvedLoan()).applicationId;
    const [approved] = await d.sql<{ payload: any }>(
      `SELECT payload FROM (SELECT type, payload FROM applications.outbox UNION ALL SELECT type, payload FROM applications.outbox_archive) o WHERE type = 'ApplicationApproved' AND payload->>'applicationId' = $1`,
      [template],
    );
    const applicationId = randomUUID();
    const guaranteeId = randomUUID();
    const context = { correlationId: randomUUID(), causationId: null, actor: 'user:loans-test' };
    const approval = newEnvelope(ApplicationApproved, { aggregateId: applicationId, payload: { ...approved.payload, applicationId }, context }, new Date());
    const effective = newEnvelope(GuaranteeEffective, { aggregateId: guaranteeId, payload: { guaranteeId, applicationId, projectId: ctx.projectId, townshipCode: ctx.township, effectiveOn: ctx.today }, context }, new Date());

    const opening = ctx.app.dataSource.createQueryRunner();
    await opening.connect();
    await opening.startTransaction();
    await ctx.app.app.get(OpenLoanWhenApplicationApproved).handle(approval, opening.manager);
    let handled = false;
    const handling = ctx.app.dataSource.transaction((manager) => ctx.app.app.get(AwaitAgreementWhenGuaranteeEffective).handle(effective, manager)).then(() => (handled = true));
    // It either waits for the opening (a lock not granted) or has already finished without the loan.
    await eventually(async () => {
      if (handled) return;
      const [waiting] = await d.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'advisory'`);
      expect(waiting.n).toBeGreaterThan(0);
    });
    await opening.commitTransaction();
    await opening.release();
    await handling;

    expect(await d.sql(`SELECT status, guarantee_id FROM loans.loans WHERE application_id = $1`, [applicationId])).toEqual([{ status: 'awaiting_agreement', guarantee_id: guaranteeId }]);
    expect(await d.sql(`SELECT 1 FROM loans.early_guarantee_effective WHERE application_id = $1`, [applicationId])).toEqual([]);
  });

  describe('reading', () => {
    it('shows a loan with its schedule, paid and unpaid per instalment, balances from the row, pauses, postings paged and history', async () => {
      const plan = { ...PLAIN_APPROVAL, amountFen: 300000, termMonths: 4, repaymentPlan: { kind: 'equal_monthly' } };
      const { loanId, applicationId } = await d.disbursedLoan({ plan });
      const body = (await d.get(loanId).expect(200)).body;
      expect(body).toMatchObject({
        id: loanId,
        applicationId,
        status: 'active',
        mother: { nameMasked: '王*梅' },
        disbursement: { cardNumberMasked: '6212 **** **** 1232' },
        balances: { principalOutstandingFen: 300000, principalRepaidFen: 0, feePaidFen: 0, writtenOffFen: 0 },
        daysPastDue: 0,
        bucket: 'current',
        nextDueDate: '2026-12-22',
        supersededSchedules: [],
        pauses: [],
        postings: { items: [], page: 1, total: 0 },
      });
      expect(body.schedule).toEqual([
        expect.objectContaining({ seq: 1, dueDate: '2026-12-22', principalFen: 75000, feeFen: 0, subsidyLostFen: 0, paid: { principalFen: 0, feeFen: 0 }, unpaid: { principalFen: 75000, feeFen: 0 }, overdue: null }),
        expect.objectContaining({ seq: 2, dueDate: '2027-01-22' }),
        expect.objectContaining({ seq: 3, dueDate: '2027-02-22' }),
        expect.objectContaining({ seq: 4, dueDate: '2027-03-22', principalFen: 75000 }),
      ]);
      expect(body.history.map((h: { step: string }) => h.step)).toEqual(['approval', 'guarantee-effective', 'agreement', 'disbursement']);
      expect(JSON.stringify(body)).not.toMatch(/card_number_sealed|cardNumberSealed|idNumberHash/);
      await d.get(loanId, ctx.foundation).expect(200);
      await d.get(loanId, ctx.manager, '?postingsPage=2&postingsPageSize=5').expect(200);
      await d.get(loanId, ctx.manager, '?postingsPageSize=1000').expect(400);
    });

    it('shows loans only in the reader’s scope: another township’s officer and a partner see none', async () => {
      const { loanId } = await d.approvedLoan();
      const stranger = await ctx.app.tokenFor('officer', { townships: [`${String(Number(ctx.county) + 1).padStart(6, '0')}100`] });
      const partner = await ctx.app.tokenFor('partner', { partnerId: 'bama-pig-co' });
      await d.get(loanId, stranger).expect(404);
      await d.get(loanId, partner).expect(404);
      expect((await d.list('', stranger).expect(200)).body).toMatchObject({ items: [], total: 0 });
      await d.list('', partner).expect(404);

      const mine = (await d.list(`?township=${ctx.township}&status=awaiting_guarantee&pageSize=200`, ctx.officer).expect(200)).body;
      expect(mine.items.map((l: { id: string }) => l.id)).toContain(loanId);
      expect(mine.items.every((l: { status: string; townshipCode: string }) => l.status === 'awaiting_guarantee' && l.townshipCode === ctx.township)).toBe(true);
      expect((await d.list(`?projectId=${ctx.projectId}&status=active&round=1`, ctx.foundation).expect(200)).body.items.every((l: { round: number }) => l.round === 1)).toBe(true);
      expect((await d.list('?bucket=90%2B', ctx.manager).expect(200)).body.items).toEqual([]);
      await d.list('?status=lost', ctx.manager).expect(400);
    });
  });

  describe('disbursement', () => {
    it('pays a signed loan out: active, its schedule, balances, the card only masked, one ledger entry, LoanDisbursed and RepaymentScheduleCreated', async () => {
      const plan = { ...PLAIN_APPROVAL, amountFen: 500000, termMonths: 12, repaymentPlan: { kind: 'equal_monthly' } };
      const before = await d.availableFen();
      const { loanId, applicationId, loan } = await d.disbursedLoan({ plan });
      expect(loan).toMatchObject({
        status: 'active',
        round: 1,
        maturityDate: '2027-11-22',
        nextDueDate: '2026-12-22',
        disbursement: { date: ctx.today, cashFen: 500000, inKindFen: 0, cardNumberMasked: '6212 **** **** 1232' },
        balances: { principalOutstandingFen: 500000, principalRepaidFen: 0, feePaidFen: 0, writtenOffFen: 0 },
      });
      expect(loan.schedule).toHaveLength(12);
      expect(loan.schedule[11]).toMatchObject({ seq: 12, dueDate: '2027-11-22', principalFen: 41674, unpaid: { principalFen: 41674 } });
      expect(JSON.stringify(loan)).not.toContain(MOTHER_CARD);
      const row = await loanRow(loanId);
      expect(row.card_number_sealed).not.toContain(MOTHER_CARD.slice(4, 12));
      expect(await d.availableFen()).toBe(before);
      expect(await d.sql(`SELECT kind, round, source_id FROM loans.ledger_entries WHERE loan_id = $1`, [loanId])).toEqual([{ kind: 'disbursement', round: 1, source_id: loanId }]);

      const [disbursed] = await d.events(loanId, 'LoanDisbursed');
      expect(disbursed.payload).toMatchObject({ loanId, applicationId, principalFen: 500000, cashFen: 500000, inKindFen: 0, round: 1, disbursedOn: ctx.today, maturityDate: '2027-11-22' });
      const [schedule] = await d.events(loanId, 'RepaymentScheduleCreated');
      expect(schedule.payload.scheduleVersion).toBe(1);
      expect(schedule.payload.instalments).toHaveLength(12);
      expect(schedule.payload.instalments[0]).toEqual({ seq: 1, dueDate: '2026-12-22', principalFen: 41666, feeFen: 0 });
    });

    it('refuses the project manager who is the user that recorded the agreement (403)', async () => {
      const { loanId } = await d.effectiveLoan();
      // An officer since promoted to the county's project office: one user, now in another role.
      const promoted = await d.sameUserAs(ctx.officer, 'project_manager', { counties: [ctx.county] });
      await d.signAgreement(loanId).expect(201);
      await d.fundWith(300000);
      const res = await d.disburse(loanId, d.disbursementBody(), promoted).expect(403);
      expect(res.body.code).toBe('disburser_signed_agreement');
      await d.disburse(loanId, d.disbursementBody(), await d.otherManager()).expect(201);
    });

    it('refuses before the agreement (409), and an officer (403)', async () => {
      const { loanId } = await d.effectiveLoan();
      expect((await d.disburse(loanId, d.disbursementBody()).expect(409)).body.code).toBe('illegal_step');
      await d.signAgreement(loanId).expect(201);
      await d.disburse(loanId, d.disbursementBody(), ctx.officer).expect(403);
    });

    it('refuses parts that do not add up to the approved amount, naming the difference, or do not fit the mode; a date before the agreement or in the future', async () => {
      const { loanId } = await d.signedLoan();
      const short = await d.disburse(loanId, d.disbursementBody(PLAIN_APPROVAL, { cash: { amountFen: 299000, cardNumber: MOTHER_CARD, cardHolderName: '王秀梅' } })).expect(400);
      expect(short.body.details.amountFen[0]).toContain('1000 fen short');
      const inKind = await d.disburse(loanId, d.disbursementBody({ ...PLAIN_APPROVAL, disbursementMode: 'in_kind' })).expect(400);
      expect(Object.keys(inKind.body.details).sort()).toEqual(['cash', 'inKind']);
      const dates = await d.disburse(loanId, d.disbursementBody(PLAIN_APPROVAL, { date: '2026-11-23' })).expect(400);
      expect(dates.body.details).toHaveProperty('date');
      expect((await loanRow(loanId)).status).toBe('agreement_signed');
    });

    it('refuses a card that fails its check digit, a short one, and a card in another name', async () => {
      const { loanId } = await d.signedLoan();
      const body = (cash: object) => d.disbursementBody(PLAIN_APPROVAL, { cash: { amountFen: 300000, cardNumber: MOTHER_CARD, cardHolderName: '王秀梅', ...cash } });
      const luhn = await d.disburse(loanId, body({ cardNumber: '6212345678901233' })).expect(400);
      expect(luhn.body.details['cash.cardNumber'][0]).toContain('Luhn');
      const short = await d.disburse(loanId, body({ cardNumber: '621234567890123' })).expect(400);
      expect(short.body.details['cash.cardNumber'][0]).toContain('16 to 19 digits');
      const name = await d.disburse(loanId, body({ cardHolderName: '李建国' })).expect(400);
      expect(Object.keys(name.body.details)).toEqual(['cash.cardHolderName']);
      // A relative's card that her masked name (王*梅) cannot tell apart: the keyed hash of her name can.
      const relative = await d.disburse(loanId, body({ cardHolderName: '王小梅' })).expect(400);
      expect(Object.keys(relative.body.details)).toEqual(['cash.cardHolderName']);
      expect(JSON.stringify(relative.body)).not.toContain('王秀梅');
      // Her name written with a space, or full-width, is still her name.
      const spaced = await d.disburse(loanId, body({ cardHolderName: '王 秀梅' }));
      expect(spaced.body.details?.['cash.cardHolderName']).toBeUndefined();
      expect(spaced.body.code).toBe('fund_insufficient'); // past the card checks: this describe's project has no fund
    });

    it('pays a mixed loan partly in kind from its partner', async () => {
      const plan = { ...PLAIN_APPROVAL, disbursementMode: 'mixed', partnerId: 'bama-pig-co' };
      const { loan } = await d.disbursedLoan({ plan, survey: { project: { model: 'company', partnerId: 'bama-pig-co' } } });
      expect(loan.disbursement).toMatchObject({ cashFen: 150000, inKindFen: 150000, inKind: { partnerId: 'bama-pig-co', items: [{ name: '巴马香猪种猪', quantity: 2, unit: '头', valueFen: 150000 }] } });
    });

    it('refuses with 409 fund_insufficient, naming the shortfall, when the fund is short, and changes nothing', async () => {
      const { loanId } = await d.signedLoan();
      const available = await d.availableFen();
      expect(available).toBeLessThan(300000);
      const res = await d.disburse(loanId, d.disbursementBody()).expect(409);
      expect(res.body).toMatchObject({ code: 'fund_insufficient', details: { availableFen: available, requiredFen: 300000, shortfallFen: 300000 - available } });
      expect(await loanRow(loanId)).toMatchObject({ status: 'agreement_signed', schedule_version: 0, next_due_date: null });
      expect(await d.sql(`SELECT 1 FROM loans.instalments WHERE loan_id = $1`, [loanId])).toEqual([]);
    });

    it('never overdraws the fund under concurrent disbursements: 2.5 loans’ worth, 5 at once, exactly 2 paid', async () => {
      const loans = [];
      for (let i = 0; i < 5; i++) loans.push((await d.signedLoan()).loanId);
      await d.openFund();
      const start = await d.availableFen();
      if (start < 750000) await d.fundWith(750000 - start);
      expect(await d.availableFen()).toBe(750000);
      const answers = await Promise.all(loans.map(async (id) => (await d.disburse(id, d.disbursementBody())).status));
      expect(answers.filter((s) => s === 201)).toHaveLength(2);
      expect(answers.filter((s) => s === 409)).toHaveLength(3);
      expect(await d.availableFen()).toBe(150000);
      const [identity] = await d.sql<{ received: string; available: string; outstanding: string; lost: string }>(
        `SELECT -SUM(amount_fen) FILTER (WHERE account = 'contributions') AS received, SUM(amount_fen) FILTER (WHERE account = 'fund_cash') AS available,
                SUM(amount_fen) FILTER (WHERE account = 'loans_receivable') AS outstanding, COALESCE(SUM(amount_fen) FILTER (WHERE account = 'written_off_loss'), 0) AS lost
           FROM loans.ledger_lines WHERE project_id = $1`,
        [ctx.projectId],
      );
      expect(Number(identity.received)).toBe(Number(identity.available) + Number(identity.outstanding) + Number(identity.lost));
    });
  });
});
