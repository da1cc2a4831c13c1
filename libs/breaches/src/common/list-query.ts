import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@vigie/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/** `?overdue=true|false` on top of the page coordinates. */
export class OverdueListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the overdue ones (true) or only the others (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
