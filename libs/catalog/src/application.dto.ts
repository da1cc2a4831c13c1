import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SIIM94 } from '@vigie/reference-data';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateIf,
} from 'class-validator';
import { HOSTING_KINDS, Hosting } from './application.entity';
import { IsCountryCode } from './is-country-code.validator';
import { trim } from '@vigie/core';

const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class CreateApplicationDto {
  @ApiProperty({ maxLength: 200, example: 'BL Social' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: SIIM94.domains })
  @IsIn(SIIM94.domains)
  domain: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'Gestion des aides sociales et des dossiers du CCAS' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  purpose?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An organisation of kind vendor' })
  @IsOptional()
  @IsUUID('all')
  vendorId?: string;

  @ApiProperty({ enum: HOSTING_KINDS })
  @IsIn(HOSTING_KINDS)
  hosting: Hosting;

  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2 code of where the data is stored' })
  @Transform(upper)
  @IsCountryCode()
  dataLocation: string;

  @ApiProperty()
  @IsBoolean()
  healthData: boolean;

  @ApiProperty({ type: [String], maxItems: 50 })
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  securityMeasures: string[];
}

export class UpdateApplicationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: SIIM94.domains })
  @IsOptional()
  @IsIn(SIIM94.domains)
  domain?: string;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  purpose?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null removes the vendor' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUUID('all')
  vendorId?: string | null;

  @ApiPropertyOptional({ enum: HOSTING_KINDS })
  @IsOptional()
  @IsIn(HOSTING_KINDS)
  hosting?: Hosting;

  @ApiPropertyOptional({ example: 'FR' })
  @IsOptional()
  @Transform(upper)
  @IsCountryCode()
  dataLocation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  healthData?: boolean;

  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @IsOptional()
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  securityMeasures?: string[];

  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateDeploymentDto {
  @ApiProperty({ format: 'uuid', description: 'The member that uses the application' })
  @IsUUID('all')
  organisationId: string;
}
