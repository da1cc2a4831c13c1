import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { IsVersion, PageQuery, trim } from '@vigie/core';
import { DECISIONS, Decision, FLAGS, Flag } from './access-review-item.entity';

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Required for revoke and modify, and to keep a privileged, dormant or orphan account (at least 10 characters)',
  })
  @ValidateIf((dto: DecisionDto) => dto.decision !== 'keep' || dto.reason !== undefined)
  @Transform(trim)
  @IsString({ message: 'reason est obligatoire pour une révocation ou une modification' })
  @Length(1, 2000, {
    message: 'reason est obligatoire pour une révocation ou une modification (2000 caractères au plus)',
  })
  reason?: string;

  @IsVersion()
  version?: number;
}

export class ReassignDto {
  @ApiProperty({ format: 'uuid', description: 'A user of the member' })
  @IsUUID()
  reviewerId: string;

  @IsVersion()
  version?: number;
}

export const DECISION_FILTERS = [...DECISIONS, 'pending'] as const;

export class ItemListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FLAGS })
  @IsOptional()
  @IsIn(FLAGS)
  flag?: Flag;

  @ApiPropertyOptional({ enum: DECISION_FILTERS, description: '`pending`: not decided yet' })
  @IsOptional()
  @IsIn(DECISION_FILTERS)
  decision?: (typeof DECISION_FILTERS)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  reviewerId?: string;
}
