import { DataSource } from 'typeorm';

/**
 * Exact row count of every table of the public schema holding records: the migrations table and the rate-limit
 * counters (each request to a limited route counts, refused or not) aside.
 */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables: { table_name: string }[] = await dataSource.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'rate_limit_counter') ORDER BY table_name",
  );
  const union = tables
    .map(({ table_name }) => `SELECT '${table_name}' AS t, count(*)::int AS n FROM "${table_name}"`)
    .join(' UNION ALL ');
  const rows: { t: string; n: number }[] = await dataSource.query(union);
  return Object.fromEntries(rows.map(({ t, n }) => [t, n]));
}
