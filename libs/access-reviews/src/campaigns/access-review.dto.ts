import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { PageQuery, trim } from '@vigie/core';
import { CAMPAIGN_STATUSES, CampaignStatus } from './access-review.entity';

export class CreateAccessReviewDto {
  @ApiProperty({ format: 'uuid', description: 'The member whose accounts are reviewed' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ format: 'uuid', description: 'An application deployed for that member' })
  @IsUUID()
  applicationId: string;

  @ApiProperty({ maxLength: 200, example: 'Revue des accès Ciril GF — 1er semestre 2026' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '2026-06-30', description: 'YYYY-MM-DD, today or later' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate doit être une date AAAA-MM-JJ' })
  dueDate: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 36, description: 'Create the next campaign every N months' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36)
  recurrenceMonths?: number;
}

export class AccessReviewListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;
}
