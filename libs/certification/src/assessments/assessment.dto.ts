import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, trim } from '@vigie/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  INCLUSION_REASONS,
  InclusionReason,
  REQUIREMENT_STATUSES,
  RequirementStatus,
} from './requirement-assessment.entity';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class AssessmentScopeDto {
  @ApiPropertyOptional({
    type: [Number],
    example: [1, 2, 5],
    description: 'HDS hosting activities in scope (1–6)',
  })
  @IsOptional()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(99, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  hdsActivities?: number[];
}

export class CreateAssessmentDto {
  @ApiProperty({ example: 'iso27001-2022' })
  @IsString()
  @Length(3, 50)
  frameworkCode: string;

  @ApiProperty({ maxLength: 200, example: 'ISO 27001 — audit de certification 2026' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: AssessmentScopeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssessmentScopeDto)
  scope?: AssessmentScopeDto;
}

export class UpdateAssessmentDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: AssessmentScopeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssessmentScopeDto)
  scope?: AssessmentScopeDto;

  @ApiPropertyOptional({ description: 'An archived assessment is read-only and no longer the current one' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class UpdateRequirementAssessmentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  applicable?: boolean;

  @ApiPropertyOptional({ nullable: true, maxLength: 4000, description: 'Required when not applicable' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  justification?: string | null;

  @ApiPropertyOptional({
    enum: INCLUSION_REASONS,
    isArray: true,
    description: 'Why the control is in the SoA',
  })
  @IsOptional()
  @IsIn(INCLUSION_REASONS, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(INCLUSION_REASONS.length)
  inclusionReasons?: InclusionReason[];

  @ApiPropertyOptional({ enum: REQUIREMENT_STATUSES })
  @IsOptional()
  @IsIn(REQUIREMENT_STATUSES)
  status?: RequirementStatus;

  @ApiPropertyOptional({
    nullable: true,
    format: 'uuid',
    description: 'An operator administrator or security officer',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-06-30' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(DATE_ONLY, { message: 'dueDate doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'dueDate doit être une date qui existe' })
  dueDate?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 10000 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(10000)
  notes?: string | null;

  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AssessmentListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'hds-v2' })
  @IsOptional()
  @IsString()
  @Length(3, 50)
  frameworkCode?: string;

  @ApiPropertyOptional({ description: 'true: archived only; false: current only' })
  @IsOptional()
  @IsIn(['true', 'false'])
  archived?: 'true' | 'false';
}

export class RequirementListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REQUIREMENT_STATUSES })
  @IsOptional()
  @IsIn(REQUIREMENT_STATUSES)
  status?: RequirementStatus;

  @ApiPropertyOptional({ description: 'Theme (ISO Annex A), clause group (ISO 4–10) or chapter (HDS)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  theme?: string;

  @ApiPropertyOptional({ enum: ['clause', 'control', 'requirement'] })
  @IsOptional()
  @IsIn(['clause', 'control', 'requirement'])
  kind?: string;
}
