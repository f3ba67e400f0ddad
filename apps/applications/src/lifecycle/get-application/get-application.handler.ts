import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PiiCipher } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { presentApplication } from '../../shared/application-view';
import { GetApplicationQuery } from './get-application.query';

/** pg hands bigint over as text (it may exceed 2^53); every amount here is bounded far below that. */
const fen = <K extends string>(key: K) => (row: Record<K, string>) => ({ ...row, [key]: Number(row[key]) });

/** One application with its whole trail: every step (who, when, from, to) and each step's record. */
@QueryHandler(GetApplicationQuery)
export class GetApplicationHandler implements IQueryHandler<GetApplicationQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly pii: PiiCipher,
  ) {}

  async execute({ applicationId, user }: GetApplicationQuery) {
    const manager = this.dataSource.manager;
    const application = await this.lifecycle.load(manager, applicationId, user);
    const q = (sql: string) => manager.query(sql, [application.id]);
    const [history, homeVisits, screenings, creditAssessments, followUps, objections] = await Promise.all([
      q(`SELECT step, from_status AS "fromStatus", to_status AS "toStatus", actor, actor_role AS "actorRole", at, details
           FROM applications.application_history WHERE application_id = $1 ORDER BY id`),
      q(`SELECT id, visited_on AS "visitedOn", findings, verified, recorded_by AS "recordedBy" FROM applications.home_visits WHERE application_id = $1 ORDER BY created_at`),
      q(`SELECT id, policy_version AS "policyVersion", eligible, checks, screened_on AS "screenedOn" FROM applications.screenings WHERE application_id = $1 ORDER BY created_at`),
      q(`SELECT id, components, weights, score, grade, ceiling_fen AS "ceilingFen", evidence, assessed_on AS "assessedOn"
           FROM applications.credit_assessments WHERE application_id = $1 ORDER BY created_at`),
      q(`SELECT id, visited_on AS "visitedOn", production_status AS "productionStatus", income_estimate_fen AS "incomeEstimateFen", problems, help_given AS "helpGiven"
           FROM applications.follow_ups WHERE application_id = $1 ORDER BY created_at`),
      q(`SELECT id, notice_id AS "noticeId", objector, reason, status, note FROM applications.objections WHERE application_id = $1 ORDER BY filed_at`),
    ]);
    return {
      ...presentApplication(application, user, this.pii),
      history,
      homeVisits,
      screenings,
      creditAssessments: creditAssessments.map(fen('ceilingFen')),
      followUps: followUps.map(fen('incomeEstimateFen')),
      objections,
    };
  }
}
