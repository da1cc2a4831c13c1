import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsCountryCode } from '@vigie/catalog';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ART35_CASES,
  CNIL_LIST_ITEMS,
  FINAL_FATES,
  LEGAL_BASES,
  SPECIAL_CATEGORIES,
  WP248_CRITERIA,
} from '../data/register-labels';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class PurposeDto {
  @ApiProperty({ maxLength: 1000, example: 'Instruction des demandes d’aide sociale facultative' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  description: string;

  @ApiProperty({ enum: LEGAL_BASES })
  @IsIn(LEGAL_BASES)
  legalBasis: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    example: "Code de l'action sociale et des familles, art. L. 123-5",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 1000)
  legalBasisDetail?: string;
}

export class DataCategoryDto {
  @ApiProperty({
    maxLength: 200,
    example: 'identity',
    description: 'A key of GDPR.dataCategories or free text',
  })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  category: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 1000)
  description?: string;

  @ApiProperty({ maxLength: 500, example: '5 ans après la clôture du dossier' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  retention: string;

  @ApiProperty({ enum: FINAL_FATES })
  @IsIn(FINAL_FATES)
  finalFate: string;
}

export class SpecialCategoryDto {
  @ApiProperty({ enum: SPECIAL_CATEGORIES })
  @IsIn(SPECIAL_CATEGORIES)
  category: string;

  @ApiProperty({ example: '9.2.h', description: 'Art. 9.2 condition code (or "10" for criminal data)' })
  @Transform(trim)
  @IsString()
  @Length(1, 10)
  condition: string;
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

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsCountryCode()
  country: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Required outside the EEA (Art. 45 to 49)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 500)
  safeguard?: string;
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

  @ApiProperty({ type: [PurposeDto], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PurposeDto)
  purposes: PurposeDto[];

  @ApiProperty({
    type: [String],
    example: ['housing-applicants'],
    description: 'Keys of GDPR.dataSubjectExamples or free text',
  })
  @Transform(trimAll)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataSubjects: string[];

  @ApiProperty({ type: [DataCategoryDto], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DataCategoryDto)
  dataCategories: DataCategoryDto[];

  @ApiPropertyOptional({ type: [SpecialCategoryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SpecialCategoryDto)
  specialCategories?: SpecialCategoryDto[];

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
  @IsArray()
  @IsIn(WP248_CRITERIA, { each: true })
  dpiaCriteria?: string[];

  @ApiPropertyOptional({ type: [String], enum: CNIL_LIST_ITEMS })
  @IsOptional()
  @IsArray()
  @IsIn(CNIL_LIST_ITEMS, { each: true })
  cnilListItems?: string[];

  @ApiPropertyOptional({ type: [String], enum: ART35_CASES, description: 'Cases of Art. 35.3 GDPR' })
  @IsOptional()
  @IsArray()
  @IsIn(ART35_CASES, { each: true })
  art35Cases?: string[];

  @ApiPropertyOptional({ example: '2027-06-30', nullable: true, description: 'Default: validation + 1 year' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'reviewDate doit être une date AAAA-MM-JJ' })
  reviewDate?: string | null;
}

export class UpdateProcessingActivityDto extends PartialType(CreateProcessingActivityDto) {
  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** The version last read, for state transitions (optional: checked when sent, body or If-Match). */
export class TransitionDto {
  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class DpiaDecisionDto extends TransitionDto {
  @ApiProperty({ minLength: 20, maxLength: 2000, description: 'Why no DPIA is carried out' })
  @Transform(trim)
  @IsString()
  @Length(20, 2000)
  reason: string;
}

/** A template's content: an entry without its applications and review date. */
export class RegisterTemplateContentDto extends OmitType(CreateProcessingActivityDto, [
  'applicationIds',
  'reviewDate',
] as const) {}

export class UpdateRegisterTemplateDto extends PartialType(RegisterTemplateContentDto) {
  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
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

  @ApiPropertyOptional({ description: "The entry's version last read (or the If-Match header)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
