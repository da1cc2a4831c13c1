import { ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
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
  if (qb.queryRunner || qb.expressionMap.lockMode) return undefined;
  const driver = qb.connection.driver as unknown as {
    options: { type: string; replication?: unknown };
    master?: PgPool;
  };
  if (driver.options.type !== 'postgres' || driver.options.replication) return undefined;
  return driver.master;
}

/**
 * The raw rows of a query builder (as `getRawMany()` would answer them). Outside a transaction, the SQL
 * TypeORM built (tenant filter and CASL rules included: the builder is built exactly as before) is sent
 * straight to the driver's pool, without a TypeORM query runner around the single query; inside one, or
 * with a lock, through the transaction's runner as before. A failure is a `QueryFailedError` as TypeORM's.
 */
export async function readRawRows<R extends ObjectLiteral>(
  qb: SelectQueryBuilder<ObjectLiteral>,
): Promise<R[]> {
  const pool = poolFor(qb);
  if (!pool) return qb.getRawMany<R>();
  const [sql, parameters] = qb.getQueryAndParameters();
  try {
    return (await pool.query(sql, parameters)).rows as R[];
  } catch (error) {
    throw new QueryFailedError(sql, parameters, error as Error);
  }
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

/**
 * Like {@link findPage} (one page and its total in one round trip), answering plain records of the entity's
 * own columns instead of entity instances: for hot lists of entities without relations, where TypeORM's
 * hydration (grouping rows by primary key, instantiating, then setting every column) was a tenth of the
 * request's CPU. The query builder is the caller's, scoped as before; it must select one entity, unjoined.
 */
export async function findPlainPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  window: PageWindow,
): Promise<{ items: T[]; total: number }> {
  const { mainAlias, joinAttributes } = qb.expressionMap;
  if (!mainAlias?.hasMetadata || joinAttributes.length > 0)
    throw new Error('findPlainPage needs a query over one entity, without joins');
  const page = qb
    .addSelect('COUNT(*) OVER ()', 'page_total')
    .offset((window.page - 1) * window.pageSize)
    .limit(window.pageSize);
  const rows = await readRawRows<ObjectLiteral & { page_total: string }>(page);
  if (rows.length > 0) {
    const toRecord = rowMapper(page, mainAlias.metadata, mainAlias.name);
    return { items: rows.map(toRecord) as T[], total: Number(rows[0].page_total) };
  }
  const total = await qb.clone().offset(undefined).limit(undefined).orderBy().getCount();
  return { items: [], total };
}
