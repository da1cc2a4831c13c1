import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsVersion, PageQuery, trim } from '@vigie/core';
import { TASK_STATUSES, TaskStatus } from './remediation-task.entity';

export class RemediationListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only the tasks to do past their due date',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  accessReviewId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class TaskDoneDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'What was done (ticket number, change made…)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note?: string;

  @IsVersion()
  version?: number;
}
