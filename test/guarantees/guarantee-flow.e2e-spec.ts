import { randomUUID } from 'node:crypto';
import { LoanDefaulted, LoanRepaid, LoanWrittenOff, RepaymentPosted } from '@xingfu/contracts';
import { FULL_ID_NUMBER, eventually, newResidentId } from '@xingfu/testing';
import { MULING_POLICY } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';
import { GuaranteeDriver, householdBody, signature } from './guarantee-driver';


// In-process delivery: the Kafka path of the same consumers and events is covered by opening.e2e-spec.ts.
describe.each([
  { transport: 'in-process', kafka: false },
  // Over Kafka the broker checks every event of the flow, both ways, against docs/asyncapi.yaml.
  { transport: 'kafka', kafka: true },
])('guarantees: signed, declined and replaced, invoked, released (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'guaranteeflow', kafka });
  const d = new GuaranteeDriver(ctx);
  const statusOf = async (id: string) => (await d.get(id).expect(200)).body.status as string;
  const eventTypes = async (id: string) => (await d.events(id)).map((e) => e.type);

  it('takes effect on the third signature, and publishes GuaranteeEffective once', async () => {
    const { guaranteeId, applicationId } = await d.opened();
    const named = await d.nameHousehold(guaranteeId, householdBody(ctx.county, { headName: '王建国', phone: '13912345678' })).expect(200);
    const household = named.body.parties.find((p: { role: string }) => p.role === 'household');
    expect(household).toMatchObject({ status: 'pending', name: '王*国', household: { headNameMasked: '王*国', phoneMasked: '139****5678', relation: 'neighbour' } });
    expect(household.household.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(named.body)).not.toMatch(FULL_ID_NUMBER);

    await d.sign(guaranteeId, 'village').expect(201);
    await d.sign(guaranteeId, 'household').expect(201);
    expect(await statusOf(guaranteeId)).toBe('open');
    const done = await d.sign(guaranteeId, 'township').expect(201);
    expect(done.body).toMatchObject({ status: 'effective', effectiveOn: ctx.today, applicationId });
    expect(done.body.parties.map((p: { status: string }) => p.status)).toEqual(['signed', 'signed', 'signed']);
    expect(done.body.parties[0]).toMatchObject({ role: 'township', signerName: '李镇长', signerOffice: '副镇长', signedOn: ctx.today });
    expect(await eventTypes(guaranteeId)).toEqual(['GuaranteeOpened', 'GuarantorSigned', 'GuarantorSigned', 'GuarantorSigned', 'GuaranteeEffective']);
    await eventually(async () => {
      const rows = await d.sql<{ status: string }>(`SELECT status FROM guarantees.outbox WHERE key = $1 AND type = 'GuaranteeEffective' UNION ALL SELECT status FROM guarantees.outbox_archive WHERE key = $1 AND type = 'GuaranteeEffective'`, [guaranteeId]);
      expect(rows).toEqual([{ status: 'published' }]);
    });
    // Signed is signed: again is a 409 with what may come next (nothing, once effective).
    const again = await d.sign(guaranteeId, 'township').expect(409);
    expect(again.body).toEqual({ code: 'illegal_step', message: expect.any(String), details: expect.objectContaining({ currentState: 'effective', allowedSteps: [] }) });
  });

  it('blocks a guarantee on a declined party until it is replaced', async () => {
    const { guaranteeId } = await d.opened();
    await d.sign(guaranteeId, 'household').expect(409);
    await d.nameHousehold(guaranteeId).expect(200);
    await ctx.as(ctx.officer).post(`/guarantees/${guaranteeId}/parties/household/decline`, { reason: '担保户外出务工' }).expect(201);
    await ctx.as(ctx.officer).post(`/guarantees/${guaranteeId}/parties/township/decline`, { reason: '镇长出差' }).expect(201);
    await d.sign(guaranteeId, 'village').expect(201);
    const blocked = await d.sign(guaranteeId, 'household').expect(409);
    expect(blocked.body.details).toMatchObject({ currentState: 'open', step: 'sign', role: 'household', allowedSteps: ['replace:township', 'replace:household'] });
    expect(await statusOf(guaranteeId)).toBe('open');

    await d.put(`/guarantees/${guaranteeId}/parties/township`, { name: '穆棱镇人民政府' }).expect(200);
    const replaced = await d.nameHousehold(guaranteeId, householdBody(ctx.county, { headName: '刘长青' })).expect(200);
    expect(replaced.body.replacedParties.map((p: { role: string; status: string }) => [p.role, p.status]).sort()).toEqual([
      ['household', 'declined'],
      ['township', 'declined'],
    ]);
    await d.sign(guaranteeId, 'township').expect(201);
    const effective = await d.sign(guaranteeId, 'household', signature('household', ctx.today)).expect(201);
    expect(effective.body.status).toBe('effective');
    expect(await eventTypes(guaranteeId)).toEqual([
      'GuaranteeOpened', 'GuarantorDeclined', 'GuarantorDeclined', 'GuarantorSigned', 'GuarantorReplaced', 'GuarantorReplaced', 'GuarantorSigned', 'GuarantorSigned', 'GuaranteeEffective',
    ]);
  });

  it('records a signature sent twice with one Idempotency-Key once, and replays the first answer', async () => {
    const { guaranteeId } = await d.opened();
    const key = randomUUID();
    const send = (body: object) => ctx.app.http().post(`/api/v1/guarantees/${guaranteeId}/parties/village/signature`).set('Authorization', `Bearer ${ctx.officer}`).set('Idempotency-Key', key).send(body);
    const first = await send(signature('village', ctx.today)).expect(201);
    const again = await send(signature('village', ctx.today)).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    await send({ ...signature('village', ctx.today), signerName: '别人' }).expect(422);
    expect(await d.events(guaranteeId, 'GuarantorSigned')).toHaveLength(1);
  });

  it('answers bad input in the one error shape, 404 outside the scope and 403 for a role that may not act', async () => {
    const { guaranteeId } = await d.opened();
    const shape = { code: expect.any(String), message: expect.any(String), details: expect.any(Object) };
    const future = await d.sign(guaranteeId, 'village', { signerName: '赵主任', office: '主任', signedOn: '2026-11-23' }).expect(400);
    expect(future.body).toEqual(shape);
    expect(Object.keys(future.body.details)).toEqual(['signedOn']);
    expect(Object.keys((await d.sign(guaranteeId, 'village', { signerName: '赵主任', signedOn: ctx.today }).expect(400)).body.details)).toEqual(['office']);
    expect((await d.sign(guaranteeId, 'bank', { signerName: 'x', signedOn: ctx.today }).expect(400)).body.details).toEqual({ role: expect.any(Array) });
    expect((await d.sign(guaranteeId, 'village', { signerName: '赵主任', office: '主任', signedOn: '2026-02-30' }).expect(400)).body).toEqual(shape);
    expect((await d.nameHousehold(guaranteeId, { ...householdBody(ctx.county), idNumber: '230103199001011230', phone: '123' }).expect(400)).body.details).toMatchObject({
      idNumber: expect.any(Array),
      phone: expect.any(Array),
    });
    await d.put(`/guarantees/${guaranteeId}/parties/bank`, { name: 'x' }).expect(400);
    await d.get('not-a-uuid').expect(400);
    expect((await d.get(randomUUID()).expect(404)).body).toEqual(shape);

    const elsewhere = await ctx.app.tokenFor('officer', { townships: [`${ctx.county}999`] });
    const partner = await ctx.app.tokenFor('partner', { partnerId: 'pig-company' });
    for (const token of [elsewhere, partner]) {
      await d.get(guaranteeId, token).expect(404);
      await d.nameHousehold(guaranteeId, householdBody(ctx.county), token).expect(404);
      expect((await ctx.as(token).get(`/guarantees?applicationId=${(await d.get(guaranteeId).expect(200)).body.applicationId}`)).body.items ?? []).toEqual([]);
    }
    await d.nameHousehold(guaranteeId, householdBody(ctx.county), ctx.manager).expect(403);
    await d.get(guaranteeId, ctx.manager).expect(200);
    await d.get(guaranteeId, ctx.foundation).expect(200);
  });

  it('refuses the mother’s own household, by her ID number or a head of her household', async () => {
    const idNumber = newResidentId(ctx.county);
    const applicationId = await d.approved(ctx.build, { idNumber });
    const guaranteeId = await d.guaranteeIdOf(applicationId);
    const herself = await d.nameHousehold(guaranteeId, householdBody(ctx.county, { idNumber })).expect(400);
    expect(herself.body).toMatchObject({ code: 'own_household', details: { idNumber: expect.any(Array) } });
    expect(JSON.stringify(herself.body)).not.toContain(idNumber);
    expect((await d.nameHousehold(guaranteeId, householdBody(ctx.county, { relation: 'spouse' })).expect(400)).body.code).toBe('own_household');
    expect((await d.get(guaranteeId).expect(200)).body.parties[2].status).toBe('unnamed');
  });

  it('lets a household guarantee two open loans, refuses a third with the masked list, and frees the slot when a loan is repaid', async () => {
    const head = householdBody(ctx.county, { headName: '孙德胜' });
    const first = await d.effectiveWith(head);
    const second = await d.opened();
    await d.nameHousehold(second.guaranteeId, head).expect(200);
    const third = await d.opened();
    const refused = await d.nameHousehold(third.guaranteeId, head).expect(409);
    expect(refused.body).toMatchObject({ code: 'household_limit', details: { limit: 2 } });
    expect(refused.body.details.guarantees.map((g: { guaranteeId: string }) => g.guaranteeId).sort()).toEqual([first.guaranteeId, second.guaranteeId].sort());
    expect(refused.body.details.guarantees[0]).toEqual({
      guaranteeId: expect.any(String),
      applicationId: expect.any(String),
      motherNameMasked: expect.stringContaining('*'),
      townshipCode: ctx.township,
      villageCode: expect.any(String),
      status: expect.any(String),
    });
    expect(JSON.stringify(refused.body)).not.toMatch(FULL_ID_NUMBER);

    // Repaid: the first is released, and the household may stand behind the third.
    const loanId = randomUUID();
    await d.emit(LoanRepaid, loanId, { loanId, applicationId: first.applicationId, projectId: ctx.projectId, repaidOn: '2027-11-20', principalFen: 300000 });
    await eventually(async () => expect(await statusOf(first.guaranteeId)).toBe('released'), { timeoutMs: 60000 });
    expect((await d.get(first.guaranteeId).expect(200)).body).toMatchObject({ outcome: 'released', endedOn: '2027-11-20' });
    const [released] = await d.events(first.guaranteeId, 'GuaranteeReleased');
    expect(released.payload).toMatchObject({ outcome: 'released', loanId, paidByGuarantorsFen: 0 });
    await d.nameHousehold(third.guaranteeId, head).expect(200);

    // The project office sees everything the household stands behind, by its hash.
    const idHash = (await d.get(third.guaranteeId).expect(200)).body.parties[2].household.idHash;
    const list = await ctx.as(ctx.manager).get(`/guarantors/${idHash}/guarantees`).expect(200);
    expect(list.body.items.map((g: { id: string }) => g.id).sort()).toEqual([first.guaranteeId, second.guaranteeId, third.guaranteeId].sort());
    await ctx.as(ctx.officer).get(`/guarantors/${idHash}/guarantees`).expect(403);
    await ctx.as(ctx.manager).get(`/guarantors/not-a-hash/guarantees`).expect(400);
    const otherCounty = await ctx.app.tokenFor('project_manager', { counties: ['110101'] });
    expect((await ctx.as(otherCounty).get(`/guarantors/${idHash}/guarantees`).expect(404)).body.code).toBe('not_found');
    await ctx.as(ctx.manager).get(`/guarantors/${'0'.repeat(64)}/guarantees`).expect(404);
  });

  it('follows the project’s settings, which only its county’s project office or the foundation changes', async () => {
    const project = await ctx.as(ctx.foundation).post('/projects', { name: '担保设置测试项目', countyCode: ctx.county, ...MULING_POLICY }).expect(201);
    const projectId = project.body.id as string;
    await eventually(async () => expect(await d.sql(`SELECT household_limit, deadline_days FROM guarantees.project_settings WHERE project_id = $1`, [projectId])).toEqual([{ household_limit: 2, deadline_days: 14 }]), {
      timeoutMs: 60000,
    });
    const settings = (token: string, body: object) => d.put(`/guarantees/projects/${projectId}/settings`, body, token);
    await settings(ctx.officer, { householdLimit: 1, deadlineDays: 7 }).expect(403);
    await settings(await ctx.app.tokenFor('project_manager', { counties: ['110101'] }), { householdLimit: 1, deadlineDays: 7 }).expect(404);
    expect(Object.keys((await settings(ctx.manager, { householdLimit: 0, deadlineDays: 1.5 }).expect(400)).body.details).sort()).toEqual(['deadlineDays', 'householdLimit']);
    expect((await settings(ctx.manager, { householdLimit: 1, deadlineDays: 7 }).expect(200)).body).toEqual({ projectId, householdLimit: 1, deadlineDays: 7 });

    const builder = ctx.inProject(projectId);
    const first = await d.guaranteeIdOf(await d.approved(builder));
    const second = await d.guaranteeIdOf(await d.approved(builder));
    expect((await d.get(first).expect(200)).body.deadline).toBe('2026-11-29');
    const head = householdBody(ctx.county);
    await d.nameHousehold(first, head).expect(200);
    expect((await d.nameHousehold(second, head).expect(409)).body.details).toMatchObject({ limit: 1, guarantees: [{ guaranteeId: first }] });
  });

  it('is invoked by a default with three liable parties and their demands, shows what a guarantor pays, and closes as a loss on write-off', async () => {
    const { guaranteeId, applicationId } = await d.effective();
    const loanId = randomUUID();
    const defaulted = await d.emit(LoanDefaulted, loanId, { loanId, applicationId, projectId: ctx.projectId, defaultedOn: '2027-03-01', daysPastDue: 91, overdueFen: 150000, outstandingPrincipalFen: 300000 });
    await eventually(async () => expect(await statusOf(guaranteeId)).toBe('invoked'), { timeoutMs: 60000 });
    const invoked = (await d.get(guaranteeId).expect(200)).body;
    expect(invoked).toMatchObject({ loanId, invokedOn: '2027-03-01', overdueFen: 150000 });
    expect(invoked.parties.map((p: { role: string; demands: unknown[] }) => [p.role, p.demands])).toEqual([
      ['township', [{ id: expect.any(String), demandedOn: '2027-03-01', amountFen: 150000, channel: 'letter', loanId }]],
      ['village', [{ id: expect.any(String), demandedOn: '2027-03-01', amountFen: 150000, channel: 'letter', loanId }]],
      ['household', [{ id: expect.any(String), demandedOn: '2027-03-01', amountFen: 150000, channel: 'sms', loanId }]],
    ]);
    const [event] = await d.events(guaranteeId, 'GuaranteeInvoked');
    expect(event.payload).toMatchObject({ loanId, overdueFen: 150000 });
    expect((event.payload.parties as { role: string; liabilityFen: number }[]).map((p) => [p.role, p.liabilityFen])).toEqual([
      ['township', 150000],
      ['village', 150000],
      ['household', 150000],
    ]);
    expect(event.headers).toMatchObject({ correlationId: defaulted.correlationId, causationId: defaulted.eventId });

    const repaymentId = randomUUID();
    const paid = { repaymentId, loanId, applicationId, projectId: ctx.projectId, postedOn: '2027-03-10', amountFen: 50000, feeFen: 0, principalFen: 50000, outstandingPrincipalFen: 250000, source: 'guarantor' as const, guarantorRole: 'village' as const };
    await d.emit(RepaymentPosted, loanId, paid);
    await d.emit(RepaymentPosted, loanId, paid);
    const last = await d.emit(RepaymentPosted, loanId, { ...paid, repaymentId: randomUUID(), source: 'cash', guarantorRole: undefined });
    await eventually(
      async () => expect(await d.sql(`SELECT 1 FROM guarantees.inbox WHERE event_id = $1`, [last.eventId])).toHaveLength(1),
      { timeoutMs: 60000 },
    );
    const withPayment = (await d.get(guaranteeId).expect(200)).body;
    expect(withPayment.parties[1]).toMatchObject({ role: 'village', paidFen: 50000, payments: [{ repaymentId, paidOn: '2027-03-10', amountFen: 50000 }] });
    expect(withPayment.parties[2]).toMatchObject({ role: 'household', paidFen: 0, payments: [] });

    await d.emit(LoanWrittenOff, loanId, { loanId, applicationId, projectId: ctx.projectId, writtenOffOn: '2027-06-01', lossFen: 250000 });
    await eventually(async () => expect(await statusOf(guaranteeId)).toBe('loss'), { timeoutMs: 60000 });
    const loss = (await d.get(guaranteeId).expect(200)).body;
    expect(loss).toMatchObject({ outcome: 'loss', endedOn: '2027-06-01' });
    expect(loss.parties[1].paidFen).toBe(50000);
    const [closed] = await d.events(guaranteeId, 'GuaranteeReleased');
    expect(closed.payload).toMatchObject({ outcome: 'loss', paidByGuarantorsFen: 50000 });
    expect(await d.sql(`SELECT error FROM guarantees.dead_letters WHERE event_id = $1`, [defaulted.eventId])).toEqual([]);

    const listed = await ctx.as(ctx.manager).get(`/guarantees?loanId=${loanId}&status=loss&township=${ctx.township}`).expect(200);
    expect(listed.body).toMatchObject({ total: 1, page: 1, items: [{ id: guaranteeId }] });
    await ctx.as(ctx.manager).get(`/guarantees?status=gone`).expect(400);
  });
});
