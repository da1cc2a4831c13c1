import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsVersion } from '@vigie/core';
import { IsInstant, OptionalNotNull, trim, trimAll } from '../common/dto-helpers';
import { BREACH_NATURES, BREACH_STATUSES, RISK_LEVELS, WAIVER_GROUNDS } from './breach-rules';

const MAX_PEOPLE = 100_000_000;
const TEXT = 10_000;

export class ComplementaryNotificationDto {
  @ApiProperty({ example: '2026-04-02T15:00:00+02:00' })
  @IsInstant()
  at: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  reference?: string | null;

  @ApiProperty({ maxLength: 2000, description: 'What this notification added' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  summary: string;
}

/**
 * The optional parts of a breach's description, which may be cleared (null): the same on creation and on
 * update.
 */
export class BreachNarrativeDto {
  @ApiPropertyOptional({ example: '2026-03-27T18:00:00+01:00' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string | null;

  @ApiPropertyOptional({ minimum: 0, description: 'Approximate number of records concerned' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  approxRecords?: number | null;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  likelyConsequences?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  measuresTaken?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  measuresPlanned?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'Draft analysis of the risk for the people' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  riskAssessment?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT, description: "The member's working notes (never shown outside)" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  notes?: string | null;
}

/** The facts of a breach, as an editor or the DPO drafts them. */
export class CreateBreachDto extends BreachNarrativeDto {
  @ApiProperty({ maxLength: 300, example: 'Courriel envoyé à un mauvais destinataire' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ example: '2026-03-28T10:00:00+01:00', description: 'When the member became aware' })
  @IsInstant()
  awareAt: string;

  @ApiProperty({ maxLength: TEXT, description: 'What happened' })
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  description: string;

  @ApiProperty({ enum: BREACH_NATURES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(BREACH_NATURES, { each: true })
  natures: string[];

  @ApiProperty({
    type: [String],
    description: 'Keys of GDPR.dataCategories, special categories (e.g. "health", "nir") or free text',
  })
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataCategories: string[];

  @ApiPropertyOptional({ type: [String], description: 'Categories of people concerned (e.g. "residents")' })
  @IsOptional()
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  subjectCategories?: string[];

  @ApiProperty({ minimum: 0, description: 'Approximate number of people concerned' })
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  approxSubjects: number;

  @ApiPropertyOptional({ type: [String], description: "The member's processing activities concerned" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  processingActivityIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Catalog applications deployed for the member' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  applicationIds?: string[];
}

/**
 * A change to a breach, with the version last read. The fields after `applicationIds` are the DPO's decisions
 * (`validate`): the status, the risk level, the CNIL notification, the information of the people.
 */
export class UpdateBreachDto extends BreachNarrativeDto {
  @IsVersion()
  version?: number;

  @ApiPropertyOptional({ maxLength: 300 })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInstant()
  awareAt?: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  description?: string;

  @ApiPropertyOptional({ enum: BREACH_NATURES, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(BREACH_NATURES, { each: true })
  natures?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataCategories?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  subjectCategories?: string[];

  @ApiPropertyOptional({ minimum: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  approxSubjects?: number;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  processingActivityIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  applicationIds?: string[];

  // The DPO's decisions.

  @ApiPropertyOptional({ enum: BREACH_STATUSES })
  @OptionalNotNull()
  @IsIn(BREACH_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: RISK_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: string | null;

  @ApiPropertyOptional({ description: 'When the CNIL was notified' })
  @IsOptional()
  @IsInstant()
  cnilNotifiedAt?: string | null;

  @ApiPropertyOptional({ maxLength: 100, description: "The CNIL's notification number" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  cnilReference?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'Why the notification came after 72 hours' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  notificationDelayReason?: string | null;

  @ApiPropertyOptional({ type: [ComplementaryNotificationDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ComplementaryNotificationDto)
  complementaryNotifications?: ComplementaryNotificationDto[];

  @ApiPropertyOptional({ maxLength: TEXT, description: 'Why a breach without risk is not notified' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  notNotifiableReason?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Art. 34 decision: were the people informed?' })
  @IsOptional()
  @IsBoolean()
  subjectsInformed?: boolean | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  subjectsInformedAt?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'How the people were informed' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  subjectsInformationMeans?: string | null;

  @ApiPropertyOptional({ enum: WAIVER_GROUNDS, nullable: true })
  @IsOptional()
  @IsIn(WAIVER_GROUNDS)
  waiverGround?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  waiverJustification?: string | null;

  @ApiPropertyOptional({ description: 'Art. 34.3.c: when the public communication was made' })
  @IsOptional()
  @IsInstant()
  publicCommunicationAt?: string | null;

  @ApiPropertyOptional({
    maxLength: TEXT,
    description: 'Art. 34.3.c: how the public communication was made (press release, website, bulletin)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  publicCommunicationMeans?: string | null;
}

/** The fields only the DPO may change. */
export const DECISION_FIELDS = [
  'status',
  'riskLevel',
  'cnilNotifiedAt',
  'cnilReference',
  'notificationDelayReason',
  'complementaryNotifications',
  'notNotifiableReason',
  'subjectsInformed',
  'subjectsInformedAt',
  'subjectsInformationMeans',
  'waiverGround',
  'waiverJustification',
  'publicCommunicationAt',
  'publicCommunicationMeans',
] as const;
