import { DataSource, EntityManager } from 'typeorm';

/** Raw SQL with the named parameters scopedWhere gives (`:name`, `:...list`), for lists that join across tables. */
export function namedQuery<T>(db: DataSource | EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const driver = 'driver' in db ? db.driver : (db as EntityManager).connection.driver;
  const [text, values] = driver.escapeQueryWithParameters(sql, params, {});
  return db.query(text, values);
}
