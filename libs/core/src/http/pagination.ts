import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;

/** `?page=1&pageSize=50` on every list. */
export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 50;
}

/**
 * Rows to skip for a page. A function rather than a getter on `PageQuery`: class-transformer assigns every
 * query parameter to the instance, and `?offset=1` on a getter-only property threw (a 500) instead of being
 * refused as an unknown parameter.
 */
export function pageOffset(query: PageQuery): number {
  return (query.page - 1) * query.pageSize;
}

/** The answer of every list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function toPage<T>(items: T[], total: number, query: PageQuery): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}
