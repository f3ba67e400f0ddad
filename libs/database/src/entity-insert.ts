import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { SqlStatement } from './pipelined-writes';

const sqlByTarget = new WeakMap<object, string>();

/**
 * The INSERT of a new row for `entity`, as one parametrised statement built from the entity's
 * TypeORM metadata (columns, transformers, the driver's own value preparation), without
 * `manager.insert`'s query builder, which cost a survey POST more CPU than the statement itself.
 * Every column is written: the create and update dates are set on the entity first (now) and
 * the version to 1, so the caller holds what the row holds without reading it back.
 */
export function entityInsert<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entity: T): SqlStatement {
  const metadata = manager.connection.getMetadata(target);
  const now = new Date();
  for (const column of metadata.columns) {
    if ((column.isCreateDate || column.isUpdateDate) && column.getEntityValue(entity) === undefined) column.setEntityValue(entity, now);
    if (column.isVersion && column.getEntityValue(entity) === undefined) column.setEntityValue(entity, 1);
  }
  const key = metadata.target as object;
  let sql = sqlByTarget.get(key);
  if (!sql) {
    const names = metadata.columns.map((c) => `"${c.databaseName}"`).join(', ');
    const placeholders = metadata.columns.map((_, i) => `$${i + 1}`).join(', ');
    sql = `INSERT INTO ${metadata.tablePath.split('.').map((part) => `"${part}"`).join('.')} (${names}) VALUES (${placeholders})`;
    sqlByTarget.set(key, sql);
  }
  const driver = manager.connection.driver;
  const params = metadata.columns.map((c) => {
    const value = c.getEntityValue(entity);
    // No DEFAULT here: a column the caller left unset must be one that may be null.
    if (value === undefined && !c.isNullable) throw new Error(`entityInsert(${metadata.name}): ${c.propertyName} is not set`);
    return driver.preparePersistentValue(value ?? null, c);
  });
  return { sql, params };
}

const selectByTarget = new WeakMap<object, string>();

/** `SELECT <every column> FROM <table> WHERE <primary key> = $1`, for `hydrate` (no query builder). */
export function entityById<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, id: unknown): SqlStatement {
  const metadata = manager.connection.getMetadata(target);
  const key = metadata.target as object;
  let sql = selectByTarget.get(key);
  if (!sql) {
    if (metadata.primaryColumns.length !== 1) throw new Error(`entityById(${metadata.name}): needs a single-column primary key`);
    const names = metadata.columns.map((c) => `"${c.databaseName}"`).join(', ');
    sql = `SELECT ${names} FROM ${metadata.tablePath.split('.').map((part) => `"${part}"`).join('.')} WHERE "${metadata.primaryColumns[0].databaseName}" = $1`;
    selectByTarget.set(key, sql);
  }
  return { sql, params: [id] };
}

/** The entity a row of `entityById` holds, with TypeORM's own conversions (transformers, dates). */
export function hydrate<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  const driver = manager.connection.driver;
  for (const c of metadata.columns) c.setEntityValue(entity, driver.prepareHydratedValue(row[c.databaseName], c));
  return entity;
}
