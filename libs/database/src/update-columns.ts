import { EntityManager } from 'typeorm';

/**
 * `UPDATE <table> SET <the named columns> WHERE id = $1`, the one way a service's lifecycle
 * writes a change to a row it has locked. Objects and arrays go as JSON (jsonb columns); with
 * `touch`, updated_at is set too. Column names come from the service's own row types, never
 * from a request.
 */
export async function updateColumns(manager: EntityManager, table: string, id: string, changes: object, { touch }: { touch: boolean }): Promise<void> {
  const columns = Object.keys(changes);
  if (!columns.length) return;
  const set = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
  const values = columns.map((c) => {
    const value = (changes as Record<string, unknown>)[c];
    return value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
  });
  await manager.query(`UPDATE ${table} SET ${set}${touch ? ', updated_at = now()' : ''} WHERE id = $1`, [id, ...values]);
}
