import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isValidSiren } from '@vigie/identity';
import { isCountryCode } from '@vigie/reference-data';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CERTIFICATION_KINDS, CertificationKind } from './vendor-profile.entity';
import { trim } from '@vigie/core';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const upperAll = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item))
    : value;

function IsCountry(each = false): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCountry',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        each,
        message: `${String(propertyName)} doit contenir des codes pays ISO 3166-1 alpha-2 (par exemple FR)`,
      },
      validator: { validate: (value: unknown) => isCountryCode(value) },
    });
}

function IsSiren(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSiren',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'siren doit être un numéro SIREN valide (9 chiffres, clé de Luhn)' },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidSiren(value) },
    });
}

export class HeldCertificationDto {
  @ApiProperty({ enum: CERTIFICATION_KINDS })
  @IsIn(CERTIFICATION_KINDS)
  kind: CertificationKind;

  @ApiProperty({ maxLength: 200, example: 'Certificat HDS n° 2024-123' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  reference: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(DATE_ONLY, { message: 'validFrom doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'validFrom doit être une date qui existe' })
  validFrom?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(DATE_ONLY, { message: 'validUntil doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'validUntil doit être une date qui existe' })
  validUntil?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  scope?: string | null;
}

export class DeclaredSubProcessorDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ maxLength: 300, example: 'Hébergement (IaaS)' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  service: string;

  @ApiProperty({ example: 'FR' })
  @Transform(upper)
  @IsCountry()
  country: string;
}

/** The whole profile (PUT replaces it), with the version last read (0 before the first save). */
export class PutVendorProfileDto {
  @ApiPropertyOptional({
    example: '356000000',
    nullable: true,
    description: "Stored on the vendor's organisation",
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsSiren()
  siren?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  address?: string | null;

  @ApiProperty({ type: [HeldCertificationDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HeldCertificationDto)
  certifications: HeldCertificationDto[];

  @ApiProperty({ type: [String], example: ['FR'], maxItems: 50 })
  @Transform(upperAll)
  @IsArray()
  @ArrayMaxSize(50)
  @IsCountry(true)
  dataLocations: string[];

  @ApiProperty({ type: [DeclaredSubProcessorDto], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DeclaredSubProcessorDto)
  subProcessors: DeclaredSubProcessorDto[];

  @ApiPropertyOptional({ description: 'Version last read (0 before the first save), or the If-Match header' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}
