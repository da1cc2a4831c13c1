import { DataSource, EntityManager, ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { PageWindow } from './pagination';

/** What this module needs of the pg pool behind TypeORM's PostgreSQL driver. */
interface PgPool {
  query(text: string, values: unknown[]): Promise<{ rows: ObjectLiteral[] }>;
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

type RowMapper = (row: ObjectLiteral) => ObjectLiteral;

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
  const mapper: RowMapper = (row) => {
    const record: ObjectLiteral = {};
    for (const [key, column] of columns) {
      const value = row[key];
      if (value !== undefined) record[column.propertyName] = driver.prepareHydratedValue(value, column);
    }
    return record;
  };
  byAlias.set(alias, mapper);
  return mapper;
}

interface BuiltPage {
  sql: string;
  parameters: unknown[];
  /** The driver whose pool runs it (read at each call: a data source re-initialised has a new pool). */
  driver: { master?: PgPool };
  toRecord: RowMapper;
}

// Built page queries by data source and key; bounded: cleared past this many entries.
const MAX_BUILT_PAGES = 2000;
const builtPages = new WeakMap<DataSource, Map<string, BuiltPage>>();

async function runOnPool(pool: PgPool, sql: string, parameters: unknown[]): Promise<ObjectLiteral[]> {
  try {
    return (await pool.query(sql, parameters)).rows;
  } catch (error) {
    throw new QueryFailedError(sql, parameters, error as Error);
  }
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
  const cache = sqlKey && !manager.queryRunner ? builtPagesOf(manager.connection) : undefined;
  const key = `${sqlKey}|${window.page}|${window.pageSize}`;
  let built = cache?.get(key);
  if (!built) {
    const qb = build(manager);
    const { mainAlias, joinAttributes } = qb.expressionMap;
    if (!mainAlias?.hasMetadata || joinAttributes.length > 0)
      throw new Error('findPlainPage needs a query over one entity, without joins');
    const page = qb
      .addSelect('COUNT(*) OVER ()', 'page_total')
      .offset((window.page - 1) * window.pageSize)
      .limit(window.pageSize);
    const toRecord = rowMapper(page, mainAlias.metadata, mainAlias.name);
    const pool = poolFor(page);
    if (!pool) return pageOf(await page.getRawMany(), toRecord, () => build(manager).getCount());
    const [sql, parameters] = page.getQueryAndParameters();
    built = { sql, parameters, driver: page.connection.driver as { master?: PgPool }, toRecord };
    if (cache) {
      if (cache.size >= MAX_BUILT_PAGES) cache.clear();
      cache.set(key, built);
    }
  }
  const pool = built.driver.master;
  if (!pool) throw new Error('The data source is not connected');
  const rows = await runOnPool(pool, built.sql, built.parameters);
  return pageOf(rows, built.toRecord, () => build(manager).getCount());
}

function builtPagesOf(dataSource: DataSource): Map<string, BuiltPage> {
  let cache = builtPages.get(dataSource);
  if (!cache) {
    cache = new Map();
    builtPages.set(dataSource, cache);
  }
  return cache;
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
