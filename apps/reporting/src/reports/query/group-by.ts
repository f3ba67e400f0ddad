import { Column } from '../export/report-table';

/** The breakdowns every report offers (the read model's cell dims). */
export const GROUP_BY = ['project', 'county', 'township', 'village', 'industry', 'model', 'partner', 'round', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

interface Dimension {
  /** The cell column; `month` is overridden where a report means another month (recovery: the month falling due). */
  column: string;
  /** How the row shows it: '' (no partner) and 0 (no round) are no value, not a value. */
  select: (column: string) => string;
  key: string;
  header: string;
}

const asIs = (column: string) => column;

const DIMENSIONS: Record<GroupBy, Dimension> = {
  project: { column: 'project_id', select: (c) => `${c}::text`, key: 'projectId', header: '项目' },
  county: { column: 'county_code', select: asIs, key: 'countyCode', header: '县(区)' },
  township: { column: 'township_code', select: asIs, key: 'townshipCode', header: '乡镇' },
  village: { column: 'village_code', select: asIs, key: 'villageCode', header: '村' },
  industry: { column: 'industry', select: asIs, key: 'industry', header: '产业' },
  model: { column: 'model', select: asIs, key: 'model', header: '帮扶模式' },
  partner: { column: 'partner_id', select: (c) => `NULLIF(${c}, '')`, key: 'partnerId', header: '合作企业' },
  round: { column: 'round', select: (c) => `NULLIF(${c}, 0)`, key: 'round', header: '批次' },
  month: { column: 'month', select: asIs, key: 'month', header: '月份' },
};

/** A grouped row: the dims it is grouped by (by JSON key), then its figures. */
export interface Grouped<F> {
  dims: Record<string, string | number | null>;
  figures: F;
}

/**
 * The SQL of a grouping, aliased `d0`, `d1`… so no dim name can clash with a figure, and the
 * dim columns of a report (text cells: a village name typed as a formula stays text in a CSV).
 */
export function grouping<F>(groupBy: readonly GroupBy[], table: string, overrides: Partial<Record<GroupBy, string>> = {}) {
  const dims = groupBy.map((g, i) => ({ ...DIMENSIONS[g], expr: overrides[g] ?? `${table}.${DIMENSIONS[g].column}`, alias: `d${i}` }));
  return {
    select: dims.map((d) => `${d.select(d.expr)} AS ${d.alias}`),
    groupBy: dims.map((d) => d.expr),
    /** Aliases to order by, each ascending with no value last. */
    orderBy: dims.map((d) => d.alias),
    read: (row: Record<string, unknown>): Record<string, string | number | null> =>
      Object.fromEntries(dims.map((d) => [d.key, (row[d.alias] ?? null) as string | number | null])),
    columns: dims.map(
      (d): Column<Grouped<F>> => ({ key: d.key, header: d.header, kind: d.key === 'round' ? 'count' : 'text', value: (row) => row.dims[d.key] ?? null }),
    ),
  };
}

/** The first dim column of the 合计 row says 合计; the others stay empty. */
export function totalRow<F>(groupBy: readonly GroupBy[], figures: F): Grouped<F> {
  const label = groupBy.length ? DIMENSIONS[groupBy[0]].key : undefined;
  const dims = Object.fromEntries(groupBy.map((g) => [DIMENSIONS[g].key, null])) as Record<string, string | number | null>;
  if (label) dims[label] = '合计';
  return { dims, figures };
}
