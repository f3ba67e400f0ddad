import { AuthUser } from '@xingfu/kernel';
import { scopedWhere } from '@xingfu/auth';
import { SelectQueryBuilder } from 'typeorm';
import { GroupBy } from './group-by';
import type { ReportQuery } from './report-query.dto';

/** What a report answered for, echoed in its JSON so a reader knows what the figures cover. */
export interface ReportScope {
  asOf: string;
  groupBy: GroupBy[];
  projectId: string | null;
  from: string | null;
  to: string | null;
}

/** The caller's scope (county and township codes of the table; fails closed) and the project asked for. */
export function whereInScope<T extends object>(query: SelectQueryBuilder<T>, table: string, user: AuthUser, projectId?: string): SelectQueryBuilder<T> {
  const scope = scopedWhere(user, { township: `${table}.township_code`, county: `${table}.county_code` });
  query.where(scope.sql, scope.params);
  if (projectId) query.andWhere(`${table}.project_id = :projectId`, { projectId });
  return query;
}

export function reportScope(filter: ReportQuery, asOf: string): ReportScope {
  return { asOf, groupBy: filter.groupBy ?? [], projectId: filter.projectId ?? null, from: filter.from ?? null, to: filter.to ?? null };
}

/** A file name's stem: the report, its grouping and the as-of date (`portfolio-township-month-2026-12-01`). */
export function fileStem(report: string, groupBy: readonly string[], asOf: string): string {
  return [report, ...groupBy, asOf].join('-');
}
