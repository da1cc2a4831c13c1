import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, trim } from '@vigie/core';
import { Transform } from 'class-transformer';
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
  Matches,
  Min,
  ValidateIf,
} from 'class-validator';
import { CLAUSE_STATUSES, ClauseStatus } from './contract.entity';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateContractDto {
  @ApiProperty({ format: 'uuid', description: 'An organisation of kind vendor' })
  @IsUUID('all')
  vendorId: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Catalog applications of this vendor' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  applicationIds: string[];

  @ApiProperty({ maxLength: 100, example: 'MAPA-2025-014' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  reference: string;

  @ApiProperty({ format: 'date' })
  @Matches(DATE_ONLY, { message: 'startDate doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'startDate doit être une date qui existe' })
  startDate: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'endDate doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'endDate doit être une date qui existe' })
  endDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day to give notice' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'noticeDate doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'noticeDate doit être une date qui existe' })
  noticeDate?: string;
}

/**
 * A change of a contract: its reference, dates or covered applications (what is left out is kept). `null`
 * removes the end date or the notice date. The HDS clauses follow the applications.
 */
export class UpdateContractDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Catalog applications of this vendor' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  applicationIds?: string[];

  @ApiPropertyOptional({ maxLength: 100, example: 'MAPA-2025-014' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  reference?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startDate must be a valid date' })
  startDate?: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'null: no end date' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(DATE_ONLY, { message: 'endDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'endDate must be a valid date' })
  endDate?: string | null;

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    description: 'Last day to give notice; null removes it',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(DATE_ONLY, { message: 'noticeDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'noticeDate must be a valid date' })
  noticeDate?: string | null;

  @ApiPropertyOptional({ description: "The contract's version last read (or the If-Match header)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class UpdateClauseDto {
  @ApiProperty({ enum: CLAUSE_STATUSES })
  @IsIn(CLAUSE_STATUSES)
  status: ClauseStatus;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, example: 'Article 12.3 et annexe 4 (PAS)' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Transform(trim)
  @IsString()
  @Length(0, 200)
  reference?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Transform(trim)
  @IsString()
  @Length(0, 2000)
  comment?: string | null;

  @ApiPropertyOptional({ description: "The clause's version last read (or the If-Match header)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ContractListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  vendorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  applicationId?: string;
}
