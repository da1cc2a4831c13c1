import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsCountryCode } from '@vigie/catalog';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { KEY_NAMES } from '../data/key-names';
import { keyReader } from '../data/label-keys';
import {
  DPIA_ASSESSMENT_STATUSES,
  DPIA_RESIDUAL_RISKS,
  NIR_LEGAL_GROUNDS,
  ruleListKeys,
  TRANSFER_SAFEGUARDS,
} from '@vigie/reference-data';
import {
  ART35_CASES,
  CNIL_EXEMPTION_ITEMS,
  CNIL_LIST_ITEMS,
  FINAL_FATES,
  LEGAL_BASES,
  SPECIAL_CATEGORIES,
  WP248_CRITERIA,
} from '../data/register-labels';
import { IsVersion, trim, VersionedActionDto } from '@vigie/core';

const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
/** Keys written as their French labels are read as the keys (`libs/register/src/data/label-keys.ts`). */
const asKey = (names: keyof typeof KEY_NAMES) => keyReader(KEY_NAMES[names]);

export class PurposeDto {
  @ApiProperty({ maxLength: 1000, example: 'Instruction des demandes d’aide sociale facultative' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  description: string;

  @ApiPropertyOptional({
    enum: LEGAL_BASES,
    description:
      'A key, or its French label (« Mission d’intérêt public »); may be left out in a draft, needed to validate',
  })
  @IsOptional()
  @Transform(asKey('legalBasis'))
  @IsIn(LEGAL_BASES)
  legalBasis?: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    example: "Code de l'action sociale et des familles, art. L. 123-5",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 1000)
  legalBasisDetail?: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description:
      'A member body basing this purpose on legitimate interests: why the processing falls outside its public tasks (Art. 6.1, last subparagraph; 30 characters at least)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 1000)
  legitimateInterestsOutsidePublicTasks?: string;
}

export class DataCategoryDto {
  @ApiProperty({
    maxLength: 200,
    example: 'identity',
    description: 'A key of GDPR.dataCategories (or its French label) or free text',
  })
  @Transform(asKey('dataCategory'))
  @IsString()
  @Length(1, 200)
  category: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 1000)
  description?: string;

  @ApiPropertyOptional({
    maxLength: 500,
    example: '5 ans après la clôture du dossier',
    description: 'May be left out in a draft; needed to validate',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  retention?: string;

  @ApiPropertyOptional({
    enum: FINAL_FATES,
    description:
      'A key, or its French label (« Destruction »); may be left out in a draft, needed to validate',
  })
  @IsOptional()
  @Transform(asKey('finalFate'))
  @IsIn(FINAL_FATES)
  finalFate?: string;
}

export class SpecialCategoryDto {
  @ApiProperty({ enum: SPECIAL_CATEGORIES, description: 'A key, or its French label (« Données de santé »)' })
  @Transform(asKey('specialCategory'))
  @IsIn(SPECIAL_CATEGORIES)
  category: string;

  @ApiProperty({
    example: '9.2.h',
    description: 'Art. 9.2 condition code ("10" for criminal data; not needed for the older item "nir")',
  })
  @ValidateIf((item: SpecialCategoryDto) => item.category !== 'nir' || item.condition !== undefined)
  @Transform(asKey('condition'))
  @IsString()
  @Length(1, 10)
  condition: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'The text authorising the processing of offence and conviction data (Art. 10)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 1000)
  authorisingText?: string;
}

/** The use of the NIR: not an Art. 9 category, but reserved to the processings a text authorises. */
export class NirDto {
  @ApiProperty({ description: 'The entry uses the NIR (numéro de sécurité sociale)' })
  @IsBoolean()
  used: boolean;

  @ApiPropertyOptional({
    enum: ruleListKeys(NIR_LEGAL_GROUNDS),
    description: 'Needed to validate an entry using the NIR',
  })
  @IsOptional()
  @IsIn(ruleListKeys(NIR_LEGAL_GROUNDS))
  legalGround?: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'The item of the « décret cadre » used, or the authorising text with its article',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 1000)
  reference?: string;
}

export class RecipientDto {
  @ApiProperty({ maxLength: 200, example: 'Caisse d’allocations familiales' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ maxLength: 100, example: 'Organisme public' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  type: string;
}

export class TransferDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  recipient: string;

  @ApiProperty({
    example: 'US',
    description: 'ISO 3166-1 alpha-2 (for an international organisation: its seat, optional)',
  })
  @ValidateIf((item: TransferDto) => item.internationalOrganisation !== true || item.country !== undefined)
  @Transform(upper)
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ description: 'The recipient is an international organisation (Art. 4.26)' })
  @IsOptional()
  @IsBoolean()
  internationalOrganisation?: boolean;

  @ApiPropertyOptional({
    enum: ruleListKeys(TRANSFER_SAFEGUARDS),
    maxLength: 500,
    description:
      'Required outside the EEA and towards an international organisation (Art. 45 to 49); a free text naming one is read as its key and kept as the precision',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 500)
  safeguard?: string;

  @ApiPropertyOptional({ example: 'a', description: 'The Art. 49.1 case (a to g) of a derogation' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 50)
  derogation?: string;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Décision (UE) 2021/914, module 2' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 1000)
  safeguardDetail?: string;
}

/** Every field of a register entry (API.md). Lists not sent are empty. */
export class CreateProcessingActivityDto {
  @ApiProperty({ maxLength: 300, example: 'Gestion des demandes de logement social' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 5000)
  description?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Applications deployed for the member',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  applicationIds?: string[];

  @ApiPropertyOptional({ type: [PurposeDto], description: 'May be empty in a draft; needed to validate' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PurposeDto)
  purposes?: PurposeDto[];

  @ApiPropertyOptional({
    type: [String],
    example: ['housing-applicants'],
    description:
      'Keys of GDPR.dataSubjectExamples (or their French labels: « Enfants », « Élèves ») or free text; may be empty in a draft',
  })
  @IsOptional()
  @Transform(asKey('dataSubjects'))
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataSubjects?: string[];

  @ApiPropertyOptional({
    type: [DataCategoryDto],
    description: 'May be empty in a draft; needed to validate',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DataCategoryDto)
  dataCategories?: DataCategoryDto[];

  @ApiPropertyOptional({ type: [SpecialCategoryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SpecialCategoryDto)
  specialCategories?: SpecialCategoryDto[];

  @ApiPropertyOptional({
    type: NirDto,
    nullable: true,
    description: 'The use of the NIR and its legal ground',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @ValidateNested()
  @Type(() => NirDto)
  nir?: NirDto | null;

  @ApiPropertyOptional({ type: [RecipientDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  recipients?: RecipientDto[];

  @ApiPropertyOptional({ type: [TransferDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TransferDto)
  transfers?: TransferDto[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  securityMeasures?: string[];

  @ApiPropertyOptional({ type: [String], enum: WP248_CRITERIA })
  @IsOptional()
  @Transform(asKey('dpiaCriteria'))
  @IsArray()
  @IsIn(WP248_CRITERIA, { each: true })
  dpiaCriteria?: string[];

  @ApiPropertyOptional({ type: [String], enum: CNIL_LIST_ITEMS })
  @IsOptional()
  @Transform(asKey('cnilListItems'))
  @IsArray()
  @IsIn(CNIL_LIST_ITEMS, { each: true })
  cnilListItems?: string[];

  @ApiPropertyOptional({ type: [String], enum: ART35_CASES, description: 'Cases of Art. 35.3 GDPR' })
  @IsOptional()
  @Transform(asKey('art35Cases'))
  @IsArray()
  @IsIn(ART35_CASES, { each: true })
  art35Cases?: string[];

  @ApiPropertyOptional({
    enum: CNIL_EXEMPTION_ITEMS,
    nullable: true,
    example: '3',
    description:
      'The item (its number) of the CNIL list of processing types for which no DPIA is required ' +
      '(délibération n° 2019-118) the entry falls under; null to remove it. It does not lift an Art. 35.3 ' +
      'case or a 2018-327 item.',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @Transform(({ value }) =>
    asKey('cnilExemptionItem')({ value: typeof value === 'number' ? String(value) : value }),
  )
  @IsIn(CNIL_EXEMPTION_ITEMS)
  cnilExemptionItem?: string | null;

  @ApiPropertyOptional({ example: '2027-06-30', nullable: true, description: 'Default: validation + 1 year' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'reviewDate doit être une date AAAA-MM-JJ' })
  reviewDate?: string | null;
}

export class UpdateProcessingActivityDto extends PartialType(CreateProcessingActivityDto) {
  @IsVersion()
  version?: number;
}

/** The version last read, for state transitions (required: in the body or the If-Match header). */
export class TransitionDto extends VersionedActionDto {}

export class DpiaDecisionDto extends TransitionDto {
  @ApiProperty({ minLength: 20, maxLength: 2000, description: 'Why no DPIA is carried out' })
  @Transform(trim)
  @IsString()
  @Length(20, 2000)
  reason: string;
}

/** A DPIA carried out (Art. 35), replaced as a whole by each PUT. */
export class DpiaAssessmentDto {
  @ApiProperty({ enum: ruleListKeys(DPIA_ASSESSMENT_STATUSES) })
  @IsIn(ruleListKeys(DPIA_ASSESSMENT_STATUSES))
  status: 'in-progress' | 'done';

  @ApiPropertyOptional({ example: '2026-09-01' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'startedAt must be a date YYYY-MM-DD' })
  startedAt?: string;

  @ApiPropertyOptional({
    example: '2026-11-15',
    description: 'Default for a done DPIA: the day it is recorded',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'completedAt must be a date YYYY-MM-DD' })
  completedAt?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'AIPD-2026-03 v1.2' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  reference?: string;

  @ApiPropertyOptional({ enum: ruleListKeys(DPIA_RESIDUAL_RISKS) })
  @IsOptional()
  @IsIn(ruleListKeys(DPIA_RESIDUAL_RISKS))
  residualRisk?: 'low' | 'medium' | 'high';

  @ApiPropertyOptional({ description: 'The CNIL was consulted before the processing (Art. 36)' })
  @IsOptional()
  @IsBoolean()
  priorConsultation?: boolean;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  conclusion?: string;

  @IsVersion()
  version?: number;
}

/** A template's content: an entry without its applications and review date. */
export class RegisterTemplateContentDto extends OmitType(CreateProcessingActivityDto, [
  'applicationIds',
  'reviewDate',
  'cnilExemptionItem',
] as const) {}

export class UpdateRegisterTemplateDto extends PartialType(RegisterTemplateContentDto) {
  @IsVersion()
  version?: number;
}

export class FromTemplateDto {
  @ApiPropertyOptional({ maxLength: 300, description: "The entry's name (default: the template's)" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  name?: string;
}

export class ApplyTemplateDto {
  @ApiProperty({ type: [String], description: 'The template fields to take over' })
  @IsArray()
  @ArrayMinSize(0)
  @IsString({ each: true })
  fields: string[];

  @IsVersion("The entry's version last read (or the If-Match header)")
  version?: number;
}
