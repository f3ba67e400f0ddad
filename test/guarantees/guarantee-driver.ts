import { randomUUID } from 'node:crypto';
import { EventContract, EventEnvelope } from '@xingfu/contracts';
import { OutboxWriter } from '@xingfu/messaging';
import { eventually, newResidentId } from '@xingfu/testing';
import { IntakeBuilder, PLAIN_APPROVAL, SurveyOverrides } from '../support/intake';
import { IntakeContext } from '../support/intake-context';

/** A guarantor household as an officer names it; a new head (ID number) each time unless one is given. */
export function householdBody(county: string, o: Partial<{ headName: string; idNumber: string; phone: string; relation: string }> = {}) {
  return { headName: '王建国', idNumber: newResidentId(county), phone: '13912345678', relation: 'neighbour', ...o };
}

export const signature = (role: string, signedOn: string) =>
  role === 'household' ? { signerName: '王建国', signedOn } : { signerName: role === 'township' ? '李镇长' : '赵主任', office: role === 'township' ? '副镇长' : '村委会主任', signedOn };

/**
 * What a guarantees test does besides the intake builder: find the guarantee an approval opened,
 * name the household, sign, and write the loans service's events into the loans outbox as the
 * loans service will (its relay in the standalone app publishes them).
 */
export class GuaranteeDriver {
  constructor(private readonly ctx: IntakeContext) {}

  sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.ctx.app.dataSource.query(query, params);
  }

  /** The guarantee ApplicationApproved opened, once the consumer has run. */
  guaranteeIdOf(applicationId: string): Promise<string> {
    return eventually(
      async () => {
        const [row] = await this.sql<{ id: string }>(`SELECT id FROM guarantees.guarantees WHERE application_id = $1`, [applicationId]);
        if (!row) throw new Error(`no guarantee for application ${applicationId} yet`);
        return row.id;
      },
      { timeoutMs: 60000 },
    );
  }

  /**
   * As IntakeBuilder.approved, but a notice the daily sweep closed first (it may, once the clock
   * is past the notice's end) is as good as one closed by hand.
   */
  async approved(builder: IntakeBuilder = this.ctx.build, o: SurveyOverrides = {}): Promise<string> {
    const { id, noticeId, endDate } = await builder.inNotice(o);
    await builder.afterNotice(endDate, async () => {
      const res = await builder.as(builder.officer).post(`/public-notices/${noticeId}/close`);
      if (res.status !== 201 && res.body.code !== 'notice_closed') throw new Error(`closing the notice answered ${res.status}: ${JSON.stringify(res.body)}`);
    });
    await eventually(async () => expect((await builder.as(builder.officer).get(`/applications/${id}`).expect(200)).body.status).toBe('notice_passed'));
    const step = async (token: string, path: string, body: object) => {
      const res = await builder.as(token).post(path, body);
      if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    };
    await step(builder.officer, `/applications/${id}/credit-assessment`, { components: { honesty: 90, labour: 80, income: 50 }, evidence: '村民会议评议' });
    await step(builder.manager, `/applications/${id}/approval`, PLAIN_APPROVAL);
    return id;
  }

  async opened(): Promise<{ applicationId: string; guaranteeId: string }> {
    const applicationId = await this.approved();
    return { applicationId, guaranteeId: await this.guaranteeIdOf(applicationId) };
  }

  /** requestsAs has no PUT: the same, with the bearer token. */
  put(path: string, body: object, token = this.ctx.officer) {
    return this.ctx.app.http().put(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
  }

  get(id: string, token = this.ctx.officer) {
    return this.ctx.as(token).get(`/guarantees/${id}`);
  }

  nameHousehold(id: string, body: object = householdBody(this.ctx.county), token = this.ctx.officer) {
    return this.put(`/guarantees/${id}/parties/household`, body, token);
  }

  sign(id: string, role: string, body: object = signature(role, this.ctx.clock.today()), token = this.ctx.officer) {
    return this.ctx.as(token).post(`/guarantees/${id}/parties/${role}/signature`, body);
  }

  /** Named and signed by all three: effective. */
  effective(): Promise<{ applicationId: string; guaranteeId: string }> {
    return this.effectiveWith(householdBody(this.ctx.county));
  }

  async effectiveWith(household: object): Promise<{ applicationId: string; guaranteeId: string }> {
    const opened = await this.opened();
    await this.nameHousehold(opened.guaranteeId, household).expect(200);
    for (const role of ['township', 'village', 'household']) await this.sign(opened.guaranteeId, role).expect(201);
    return opened;
  }

  /** As another service would: through the OutboxWriter, in a transaction, into the producer's schema. */
  emit<P extends object>(contract: EventContract<P>, aggregateId: string, payload: P): Promise<EventEnvelope<P>> {
    return this.ctx.app.dataSource.transaction((manager) =>
      this.ctx.app.app.get(OutboxWriter).append(manager, contract, { aggregateId, payload, context: { correlationId: randomUUID(), causationId: null, actor: `user:${contract.producer}-test` } }),
    );
  }

  /** The events a guarantee emitted, by type, in order. */
  async events(guaranteeId: string, type?: string): Promise<{ type: string; payload: Record<string, unknown>; headers: Record<string, unknown> }[]> {
    return this.sql(
      `SELECT type, payload, headers FROM (SELECT seq, type, payload, headers, key FROM guarantees.outbox UNION ALL SELECT seq, type, payload, headers, key FROM guarantees.outbox_archive) o
        WHERE key = $1 AND ($2::text IS NULL OR type = $2) ORDER BY seq`,
      [guaranteeId, type ?? null],
    );
  }
}
