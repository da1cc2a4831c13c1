import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Page coordinates as read from `?page=&pageSize=`. */
export interface PageWindow {
  page: number;
  pageSize: number;
}

/**
 * One page of entities and the total count in a single round trip (`COUNT(*) OVER ()`), instead of TypeORM's
 * `getManyAndCount` (two queries). For queries whose joins do not multiply rows (no *-to-many joins); a page
 * past the end falls back to a count query.
 */
export async function findPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  window: PageWindow,
): Promise<{ items: T[]; total: number }> {
  const { entities, raw } = await qb
    .addSelect('COUNT(*) OVER ()', 'page_total')
    .offset((window.page - 1) * window.pageSize)
    .limit(window.pageSize)
    .getRawAndEntities<{ page_total: string }>();
  if (raw.length > 0) return { items: entities, total: Number(raw[0].page_total) };
  const total = await qb.clone().offset(undefined).limit(undefined).orderBy().getCount();
  return { items: [], total };
}
