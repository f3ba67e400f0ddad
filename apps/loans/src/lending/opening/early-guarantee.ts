import { EntityManager } from 'typeorm';

export interface EarlyGuarantee {
  guarantee_id: string;
  effective_on: string;
}

/**
 * Taken first by both consumers of one application's opening: ApplicationApproved (creates the
 * loan, then applies a kept GuaranteeEffective) and GuaranteeEffective (moves the loan, or keeps
 * itself when there is no loan). They come on different topics and run side by side, each in its
 * own transaction; without this lock each could miss the other's uncommitted row (the loan
 * inserted, the guarantee kept at the same moment), and the loan would wait for a guarantee that
 * had already taken effect, for good. Under READ COMMITTED every statement after the lock sees
 * what the other transaction committed.
 */
export async function lockApplicationOpening(manager: EntityManager, applicationId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`loans.application-opening:${applicationId}`]);
}

/** Keeps a GuaranteeEffective that came before its loan (topics are not ordered with one another). The first one kept wins. */
export async function keepEarlyGuarantee(manager: EntityManager, applicationId: string, guaranteeId: string, effectiveOn: string, eventId: string): Promise<void> {
  await manager.query(
    `INSERT INTO loans.early_guarantee_effective (application_id, guarantee_id, effective_on, event_id) VALUES ($1, $2, $3, $4) ON CONFLICT (application_id) DO NOTHING`,
    [applicationId, guaranteeId, effectiveOn, eventId],
  );
}

/** The kept GuaranteeEffective of an application, removed as it is applied; undefined when none came early. */
export async function takeEarlyGuarantee(manager: EntityManager, applicationId: string): Promise<EarlyGuarantee | undefined> {
  const [rows]: [EarlyGuarantee[], number] = await manager.query(
    `DELETE FROM loans.early_guarantee_effective WHERE application_id = $1 RETURNING guarantee_id, effective_on::text AS effective_on`,
    [applicationId],
  );
  return rows[0];
}
