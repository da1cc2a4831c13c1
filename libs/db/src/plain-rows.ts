import { createHash } from 'node:crypto';
import { DataSource, EntityManager, ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { PageWindow } from './pagination';
import { AnswerCache } from './answer-cache';
import { plainRowTypes } from './timestamps';

/** A named query of rows as arrays, as this module sends it. */
interface NamedQuery {
  name: string;
  text: string;
  values: unknown[];
  rowMode: 'array';
  types: typeof plainRowTypes;
}

interface NamedAnswer {
  rows: unknown[][];
  fields: { name: string }[];
}

/** What this module needs of a pg client. */
interface PgClient {
  query(query: NamedQuery): Promise<NamedAnswer>;
  query(text: string): Promise<unknown>;
  /** Back to the pool; with an error, the client is closed instead (as pg's own `pool.query` does). */
  release(error?: Error): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeListener(event: 'error', listener: (error: Error) => void): void;
}

/** What this module needs of the pg pool behind TypeORM's PostgreSQL driver. */
interface PgPool {
  connect(): Promise<PgClient>;
}

/** SQLSTATE 42P05: a prepared statement of that name already exists in the session. */
const DUPLICATE_PREPARED_STATEMENT = '42P05';

/**
 * Runs a named query on a client. The embedded database serves one session, which outlives a client closed by
 * a network cut: a new client may then find the statement prepared already. It is deallocated and prepared
 * again on this client, which then knows it.
 */
async function queryNamed(client: PgClient, query: NamedQuery): Promise<NamedAnswer> {
  try {
    return await client.query(query);
  } catch (error) {
    if ((error as { code?: unknown }).code !== DUPLICATE_PREPARED_STATEMENT) throw error;
    await client.query(`DEALLOCATE "${query.name}"`);
    return client.query(query);
  }
}

/**
 * The pg pool a query built outside any transaction can run on, or undefined (inside a transaction, with a
 * lock, or on another driver or a replicated set-up) for TypeORM's own query runner.
 */
function poolFor(qb: SelectQueryBuilder<ObjectLiteral>): PgPool | undefined {
  const ownRunner = (qb as unknown as { queryRunner?: unknown }).queryRunner;
  if (ownRunner || qb.expressionMap.lockMode) return undefined;
  const driver = qb.connection.driver as unknown as {
    options: { type: string; replication?: unknown };
    master?: PgPool;
  };
  if (driver.options.type !== 'postgres' || driver.options.replication) return undefined;
  return driver.master;
}

type RowMapper = ((row: ObjectLiteral) => ObjectLiteral) & {
  /** The selected name of each column (e.g. `o_short_name`) and its metadata, in property order. */
  columns: [string, ColumnMetadata][];
};

const mappers = new WeakMap<EntityMetadata, Map<string, RowMapper>>();

/**
 * A function turning a raw row selected under `alias` into a plain record of the entity's columns, with the
 * values TypeORM's hydration gives them (its driver's `prepareHydratedValue`, transformers included) and
 * its property order, but no entity instance and no relation. Built once per entity and alias.
 */
function rowMapper(
  qb: SelectQueryBuilder<ObjectLiteral>,
  metadata: EntityMetadata,
  alias: string,
): RowMapper {
  let byAlias = mappers.get(metadata);
  if (!byAlias) {
    byAlias = new Map();
    mappers.set(metadata, byAlias);
  }
  const known = byAlias.get(alias);
  if (known) return known;
  if (
    metadata.relations.length > 0 ||
    metadata.embeddeds.length > 0 ||
    metadata.childEntityMetadatas.length > 0 ||
    metadata.discriminatorColumn
  )
    throw new Error(`${metadata.name}: plain records are for entities without relations or inheritance`);
  const driver = qb.connection.driver;
  const columns: [string, ColumnMetadata][] = metadata.columns
    .filter((column) => !column.isVirtual)
    .map((column) => [DriverUtils.buildAlias(driver, undefined, alias, column.databaseName), column]);
  const mapper = Object.assign(
    function recordOf(row: ObjectLiteral) {
      const record: ObjectLiteral = {};
      for (const [key, column] of columns) {
        const value = row[key];
        if (value !== undefined) record[column.propertyName] = driver.prepareHydratedValue(value, column);
      }
      return record;
    },
    { columns },
  );
  byAlias.set(alias, mapper);
  return mapper;
}

/** A query built once: its SQL, its parameters, and where the values bound at each call go among them. */
interface BuiltQuery {
  sql: string;
  /** The name it is prepared under on each connection of the pool (from its text: one name, one text). */
  statement: string;
  parameters: unknown[];
  /** For each bound name, the positions of its value in `parameters`. */
  slots: [string, number[]][];
  /** The driver whose pool runs it (read at each call: a data source re-initialised has a new pool). */
  driver: { master?: PgPool };
  /** The table of the query's entity. */
  table: string;
  toRecord: RowMapper;
  /** The same mapping for rows as arrays, made from the fields of the first answer (their order is fixed). */
  fromArray?: (row: unknown[]) => ObjectLiteral;
  /** The index of `page_total` among those fields, if selected. */
  totalIndex?: number;
  /** The index of `change_mark` among those fields, if selected (see {@link findPlainPageAnswer}). */
  markIndex?: number;
}

// Built queries by data source and key; bounded: cleared past this many entries.
const MAX_BUILT_QUERIES = 2000;
const builtQueries = new WeakMap<DataSource, Map<string, BuiltQuery>>();

/** The value a bound parameter has while the query is built, found again among TypeORM's parameters. */
function marker(name: string): string {
  return `\u0000vigie-bound-parameter:${name}`;
}

/**
 * Runs a query on the pool as a named prepared statement: PostgreSQL parses and plans it once per connection
 * instead of at every request (the values are still sent apart from the text). Rows come as arrays.
 */
async function queryOnPool(
  pool: PgPool | undefined,
  statement: string,
  sql: string,
  values: unknown[],
): Promise<NamedAnswer> {
  if (!pool) throw new Error('The data source is not connected');
  try {
    const client = await pool.connect();
    // A checked-out client's connection error (e.g. reset) is this query's failure, not an unhandled event.
    const ignoreError = () => undefined;
    client.on('error', ignoreError);
    try {
      // Rows as arrays (no object per row to fill by field name), read by position into the records.
      const answer = await queryNamed(client, {
        name: statement,
        text: sql,
        values,
        rowMode: 'array',
        types: plainRowTypes,
      });
      client.removeListener('error', ignoreError);
      client.release();
      return answer;
    } catch (error) {
      client.removeListener('error', ignoreError);
      client.release(error as Error);
      throw error;
    }
  } catch (error) {
    throw new QueryFailedError(sql, values, error as Error);
  }
}

/** Runs a built query on the pool (see {@link queryOnPool}) with the values bound at this call. */
async function runOnPool(
  built: BuiltQuery,
  bound: Record<string, unknown>,
): Promise<{ records: ObjectLiteral[]; total?: number; mark?: string }> {
  const values = built.slots.length > 0 ? [...built.parameters] : built.parameters;
  for (const [name, positions] of built.slots)
    for (const position of positions) values[position] = bound[name];
  const answer = await queryOnPool(built.driver.master, built.statement, built.sql, values);
  const fromArray = (built.fromArray ??= arrayMapper(built, answer.fields));
  const first = answer.rows[0];
  return {
    records: answer.rows.map(fromArray),
    total: first && built.totalIndex !== undefined ? Number(first[built.totalIndex]) : undefined,
    mark: first && built.markIndex !== undefined ? String(first[built.markIndex]) : undefined,
  };
}

/** The mapping of {@link rowMapper} for rows given as arrays, in the order of `fields`. */
function arrayMapper(built: BuiltQuery, fields: { name: string }[]): (row: unknown[]) => ObjectLiteral {
  const names = fields.map((field) => field.name);
  const total = names.indexOf('page_total');
  built.totalIndex = total >= 0 ? total : undefined;
  const mark = names.indexOf('change_mark');
  built.markIndex = mark >= 0 ? mark : undefined;
  const driver = built.driver as unknown as {
    prepareHydratedValue(value: unknown, column: ColumnMetadata): unknown;
  };
  const columns = built.toRecord.columns
    .map(([key, column]) => [names.indexOf(key), column] as const)
    .filter(([index]) => index >= 0);
  return function recordOfArray(row) {
    const record: ObjectLiteral = {};
    for (const [index, column] of columns)
      record[column.propertyName] = driver.prepareHydratedValue(row[index], column);
    return record;
  };
}

function builtQueriesOf(dataSource: DataSource): Map<string, BuiltQuery> {
  let cache = builtQueries.get(dataSource);
  if (!cache) {
    cache = new Map();
    builtQueries.set(dataSource, cache);
  }
  return cache;
}

/**
 * The query of `qb` built for the pool (see {@link poolFor}), with the `bound` parameters left as slots to
 * fill at each call; undefined when it must run on TypeORM's query runner.
 */
function buildForPool(
  qb: SelectQueryBuilder<ObjectLiteral>,
  bound: Record<string, unknown>,
): BuiltQuery | undefined {
  const { mainAlias, joinAttributes } = qb.expressionMap;
  if (!mainAlias?.hasMetadata || joinAttributes.length > 0)
    throw new Error('plain records need a query over one entity, without joins');
  const toRecord = rowMapper(qb, mainAlias.metadata, mainAlias.name);
  const pool = poolFor(qb);
  if (!pool) return undefined;
  const names = Object.keys(bound);
  for (const name of names) qb.setParameter(name, marker(name));
  const [sql, parameters] = qb.getQueryAndParameters();
  const slots: [string, number[]][] = names.map((name) => [
    name,
    parameters.flatMap((value, index) => (value === marker(name) ? [index] : [])),
  ]);
  for (const [name, positions] of slots)
    if (positions.length === 0) throw new Error(`plain records: the query does not use :${name}`);
  const statement = `vigie_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
  return {
    sql,
    statement,
    parameters,
    slots,
    driver: qb.connection.driver as { master?: PgPool },
    table: mainAlias.metadata.tableName,
    toRecord,
  };
}

/**
 * The built query of `key` (built by `build` the first time), or undefined when this call must go through
 * TypeORM's query runner (inside a transaction, with a lock, on another driver).
 */
function builtQuery(
  manager: EntityManager,
  key: string | undefined,
  build: () => SelectQueryBuilder<ObjectLiteral>,
  bound: Record<string, unknown>,
): BuiltQuery | undefined {
  if (manager.queryRunner) return undefined;
  const cache = key ? builtQueriesOf(manager.connection) : undefined;
  const known = key ? cache?.get(key) : undefined;
  if (known) return known;
  const built = buildForPool(build(), bound);
  if (built && cache && key) {
    if (cache.size >= MAX_BUILT_QUERIES) cache.clear();
    cache.set(key, built);
  }
  return built;
}

/**
 * Like {@link findPage} (one page and its total in one round trip), answering plain records of the entity's
 * own columns instead of entity instances: for hot lists of entities without relations, where TypeORM's
 * hydration (grouping rows by primary key, instantiating, then setting every column) was a tenth of the
 * request's CPU. `build` makes the caller's query builder, scoped as before, over one entity without joins.
 *
 * With `sqlKey`, outside a transaction, the SQL text and parameters TypeORM builds are kept per key and page
 * window, and later calls with the same key send them without building the query again. The key must name
 * everything the query is built from: the caller's `scopeSignature(ctx)` (tenant filter and CASL rules are
 * computed from it alone) and every filter's value.
 */
export async function findPlainPage<T extends ObjectLiteral>(
  manager: EntityManager,
  build: (manager: EntityManager) => SelectQueryBuilder<T>,
  window: PageWindow,
  sqlKey?: string,
): Promise<{ items: T[]; total: number }> {
  const page = () =>
    build(manager)
      .addSelect('COUNT(*) OVER ()', 'page_total')
      .offset((window.page - 1) * window.pageSize)
      .limit(window.pageSize);
  const count = () => build(manager).getCount();
  const key = sqlKey === undefined ? undefined : `page|${sqlKey}|${window.page}|${window.pageSize}`;
  const built = builtQuery(manager, key, page, {});
  if (built) {
    const { records, total } = await runOnPool(built, {});
    return records.length > 0
      ? { items: records as T[], total: total! }
      : { items: [], total: await count() };
  }
  const qb = page();
  const { mainAlias } = qb.expressionMap;
  return pageOf(await qb.getRawMany(), rowMapper(qb, mainAlias!.metadata, mainAlias!.name), count);
}

/** The change marks of the tables that have one (migration 1768600000000-TableChangeMarks). */
const CHANGE_MARK_SQL = 'SELECT mark FROM table_change_mark WHERE table_name = $1';
const CHANGE_MARK_STATEMENT = 'vigie_change_mark';

/** Budget of the answers kept per data source and table (see {@link findPlainPageAnswer}). */
export const ANSWER_CACHE_BYTES = 16 * 1024 * 1024;
const answerCaches = new WeakMap<DataSource, Map<string, AnswerCache>>();

/** The answers kept for `table` on this data source. */
export function answerCacheOf(dataSource: DataSource, table: string): AnswerCache {
  let byTable = answerCaches.get(dataSource);
  if (!byTable) {
    byTable = new Map();
    answerCaches.set(dataSource, byTable);
  }
  let cache = byTable.get(table);
  if (!cache) {
    cache = new AnswerCache(ANSWER_CACHE_BYTES);
    byTable.set(table, cache);
  }
  return cache;
}

async function currentChangeMark(pool: PgPool | undefined, table: string): Promise<string> {
  const answer = await queryOnPool(pool, CHANGE_MARK_STATEMENT, CHANGE_MARK_SQL, [table]);
  const mark = answer.rows[0]?.[0];
  if (typeof mark !== 'string') throw new Error(`${table}: the table has no change mark (table_change_mark)`);
  return mark;
}

/**
 * The page of {@link findPlainPage}, answered as JSON text made by `answer`, and kept in memory while its table
 * does not change: for a hot list of a table that changes rarely (the organisations), where turning rows into
 * records and records into JSON was most of the request's own work.
 *
 * Each call still reads the table's change mark in the database (one indexed row): a trigger gives the table a
 * new random mark in every statement that writes it, in that statement's transaction
 * (`table_change_mark`), so a change committed by any instance, the CLI or plain SQL is seen at the next
 * request, exactly as without the cache. A kept answer is given only under the mark it was read under; the
 * page query reads the mark in the same statement (one snapshot) as its rows. The caller's checks are not
 * skipped: `sqlKey` names the caller's scope as for {@link findPlainPage}, and the query must read the
 * entity's own table alone (no join, no subquery), so that nothing else than that table can change it.
 * Inside a transaction, nothing is kept.
 */
export async function findPlainPageAnswer<T extends ObjectLiteral>(
  manager: EntityManager,
  build: (manager: EntityManager) => SelectQueryBuilder<T>,
  window: PageWindow,
  sqlKey: string,
  answer: (page: { items: T[]; total: number }) => string,
): Promise<string> {
  const markedPage = () => {
    const qb = build(manager);
    const table = ownTableOnly(qb);
    return qb
      .addSelect(`(SELECT m.mark FROM table_change_mark m WHERE m.table_name = '${table}')`, 'change_mark')
      .addSelect('COUNT(*) OVER ()', 'page_total')
      .offset((window.page - 1) * window.pageSize)
      .limit(window.pageSize);
  };
  const key = `page|${sqlKey}|${window.page}|${window.pageSize}`;
  const built = builtQuery(manager, `marked-${key}`, markedPage, {});
  if (!built) return answer(await findPlainPage(manager, build, window));
  const cache = answerCacheOf(manager.connection, built.table);
  const mark = await currentChangeMark(built.driver.master, built.table);
  const kept = cache.get(key, mark);
  if (kept !== undefined) return kept;
  const { records, total, mark: readUnder } = await runOnPool(built, {});
  if (records.length === 0) return answer({ items: [], total: await build(manager).getCount() });
  const text = answer({ items: records as T[], total: total! });
  cache.set(key, readUnder!, text);
  return text;
}

/** The table of a query reading one entity's own table alone (no join, no subquery), else an error. */
function ownTableOnly(qb: SelectQueryBuilder<ObjectLiteral>): string {
  const { mainAlias, joinAttributes } = qb.expressionMap;
  const selects = qb.getQuery().match(/\bSELECT\b/gi)?.length ?? 0;
  if (!mainAlias?.hasMetadata || joinAttributes.length > 0 || selects !== 1)
    throw new Error('kept answers need a query of one table alone, without joins or subqueries');
  const table = mainAlias.metadata.tableName;
  if (!/^[a-z_]+$/.test(table)) throw new Error(`${table}: not a plain table name`);
  return table;
}

/**
 * The rows of a query over one entity without joins, as plain records of its columns (see
 * {@link findPlainPage}), e.g. one record by id: `build` names the parameters of `bound` (`:id`) without
 * setting them; their values are given at each call, so that with `sqlKey` (which must name everything the
 * query is built from except those values) the SQL is built once and only the values change.
 */
export async function findPlainRows<T extends ObjectLiteral>(
  manager: EntityManager,
  build: (manager: EntityManager) => SelectQueryBuilder<T>,
  bound: Record<string, unknown>,
  sqlKey?: string,
): Promise<T[]> {
  const key = sqlKey === undefined ? undefined : `rows|${sqlKey}`;
  const built = builtQuery(manager, key, () => build(manager), bound);
  if (built) return (await runOnPool(built, bound)).records as T[];
  const qb = build(manager).setParameters(bound);
  const { mainAlias } = qb.expressionMap;
  if (!mainAlias?.hasMetadata || qb.expressionMap.joinAttributes.length > 0)
    throw new Error('plain records need a query over one entity, without joins');
  return (await qb.getRawMany()).map(rowMapper(qb, mainAlias.metadata, mainAlias.name)) as T[];
}

/** The records of a page, or its total from a count query when the page is past the end. */
async function pageOf<T>(
  rows: ObjectLiteral[],
  toRecord: RowMapper,
  count: () => Promise<number>,
): Promise<{ items: T[]; total: number }> {
  if (rows.length > 0) return { items: rows.map(toRecord) as T[], total: Number(rows[0].page_total) };
  return { items: [], total: await count() };
}
