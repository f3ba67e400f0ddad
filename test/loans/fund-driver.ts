import { randomUUID } from 'node:crypto';
import { EventContract, EventEnvelope, ProjectPolicyChanged, ProjectRegistered } from '@xingfu/contracts';
import { OutboxWriter } from '@xingfu/messaging';
import { eventually } from '@xingfu/testing';
import { MULING_POLICY } from '../support/intake';
import { IntakeContext } from '../support/intake-context';

type LoanPolicy = typeof MULING_POLICY.loanPolicy;

/**
 * What a fund test does besides the intake context: tell loans of a project as applications
 * would (ProjectRegistered into the applications outbox; the seeded project of IntakeContext is
 * written straight into applications' tables, so loans never heard of it), wait for its fund,
 * and call the fund's routes.
 */
export class FundDriver {
  constructor(private readonly ctx: IntakeContext) {}

  sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.ctx.app.dataSource.query(query, params);
  }

  /** As another service would: through the OutboxWriter, in a transaction, into the producer's schema. */
  emit<P extends object>(contract: EventContract<P>, aggregateId: string, payload: P): Promise<EventEnvelope<P>> {
    return this.ctx.app.dataSource.transaction((manager) =>
      this.ctx.app.app.get(OutboxWriter).append(manager, contract, { aggregateId, payload, context: { correlationId: randomUUID(), causationId: null, actor: `user:${contract.producer}-test` } }),
    );
  }

  registered(projectId = this.ctx.projectId, countyCode = this.ctx.county, loanPolicy: Partial<LoanPolicy> = {}) {
    const { aidStandard, creditGrades, creditWeights, publicNoticeDays } = MULING_POLICY;
    return this.emit(ProjectRegistered, projectId, {
      projectId,
      name: `测试项目 ${countyCode}`,
      countyCode,
      policyVersion: 1,
      aidStandard,
      loanPolicy: { ...MULING_POLICY.loanPolicy, ...loanPolicy },
      creditGrades,
      creditWeights,
      publicNoticeDays,
    } as never);
  }

  policyChanged(policyVersion: number, loanPolicy: Partial<LoanPolicy>, projectId = this.ctx.projectId, countyCode = this.ctx.county) {
    const { aidStandard, creditGrades, creditWeights, publicNoticeDays } = MULING_POLICY;
    return this.emit(ProjectPolicyChanged, projectId, {
      projectId,
      countyCode,
      policyVersion,
      changed: ['loanPolicy'],
      aidStandard,
      loanPolicy: { ...MULING_POLICY.loanPolicy, ...loanPolicy },
      creditGrades,
      creditWeights,
      publicNoticeDays,
    } as never);
  }

  /** The project's fund row, once the consumer of ProjectRegistered has opened it. */
  fundOpened(projectId = this.ctx.projectId): Promise<{ project_id: string; county_code: string; opened_on: string }> {
    return eventually(
      async () => {
        const [row] = await this.sql<{ project_id: string; county_code: string; opened_on: string }>(
          `SELECT project_id, county_code, opened_on::text FROM loans.funds WHERE project_id = $1`,
          [projectId],
        );
        if (!row) throw new Error(`no fund for project ${projectId} yet`);
        return row;
      },
      { timeoutMs: 60000 },
    );
  }

  /** Registers the project with loans and waits for its fund. */
  async openFund(projectId = this.ctx.projectId, countyCode = this.ctx.county): Promise<string> {
    await this.registered(projectId, countyCode);
    await this.fundOpened(projectId);
    return projectId;
  }

  contribute(body: object, token = this.ctx.foundation, projectId = this.ctx.projectId, idempotencyKey?: string) {
    const req = this.ctx.app.http().post(`/api/v1/projects/${projectId}/fund/contributions`).set('Authorization', `Bearer ${token}`);
    return (idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req).send(body);
  }

  figures(token = this.ctx.foundation, projectId = this.ctx.projectId) {
    return this.ctx.as(token).get(`/projects/${projectId}/fund`);
  }

  ledger(query = '', token = this.ctx.foundation, projectId = this.ctx.projectId) {
    return this.ctx.as(token).get(`/projects/${projectId}/fund/ledger${query}`);
  }

  loanSettings(body: object, token = this.ctx.manager, projectId = this.ctx.projectId) {
    return this.ctx.app.http().put(`/api/v1/projects/${projectId}/loan-settings`).set('Authorization', `Bearer ${token}`).send(body);
  }
}
