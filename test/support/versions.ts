import { DataSource } from 'typeorm';

/**
 * The stored version of a row, i.e. the one a client would have read last: what tests send with the action
 * routes (`open`, `close`, `done`, `submit`, a decision…), which require it. 1 when there is no such row (the
 * answer is then the 404 of the route).
 */
export async function currentVersion(
  app: { dataSource: DataSource },
  table: string,
  id: string,
): Promise<number> {
  const rows: { version: number }[] = await app.dataSource.query(
    `SELECT version FROM "${table}" WHERE id = $1`,
    [id],
  );
  return rows.length ? Number(rows[0].version) : 1;
}
