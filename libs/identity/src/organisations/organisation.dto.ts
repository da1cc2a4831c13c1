import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsSiren, IsSiret } from './siren.validator';
import { trim } from '@vigie/core';

const SHORT_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.'-]*$/;

const PHONE = /^\+?[0-9][0-9 .()-]{5,24}$/;
const POSTAL_CODE = /^[0-9A-Za-z][0-9A-Za-z -]{1,9}$/;
const PHONE_MESSAGE = 'numéro de téléphone attendu (chiffres, espaces, points, tirets, + en tête)';
const EMAIL_MESSAGE = 'adresse électronique attendue';

/** Contact details of the organisation (Art. 30.1.a); in a PATCH, null removes a field. */
export class OrganisationContactDto {
  @ApiPropertyOptional({ maxLength: 300, example: 'Esplanade Georges-Marrane' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  address?: string | null;

  @ApiPropertyOptional({ maxLength: 10, example: '94200' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(POSTAL_CODE, { message: 'code postal attendu (par exemple 94200)' })
  postalCode?: string | null;

  @ApiPropertyOptional({ maxLength: 100, example: 'Ivry-sur-Seine' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  city?: string | null;

  @ApiPropertyOptional({ maxLength: 254, example: 'contact@ivry.example.fr' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 254)
  @IsEmail({}, { message: EMAIL_MESSAGE })
  email?: string | null;

  @ApiPropertyOptional({ maxLength: 25, example: '01 49 60 25 25' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;
}

/** The legal representative (the mayor, the chair); in a PATCH, null removes a field. */
export class OrganisationRepresentativeDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'Camille Martin' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @ApiPropertyOptional({ maxLength: 200, example: 'Maire' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title?: string | null;
}

/** The DPO designated to the CNIL, with contact details; in a PATCH, null removes a field. */
export class OrganisationDpoDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'Dominique Paulin' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @ApiPropertyOptional({ maxLength: 254, example: 'dpo@ivry.example.fr' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 254)
  @IsEmail({}, { message: EMAIL_MESSAGE })
  email?: string | null;

  @ApiPropertyOptional({ maxLength: 25, example: '01 49 60 25 26' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @ApiPropertyOptional({
    maxLength: 100,
    example: 'DPO-123456',
    description: 'Designation reference at the CNIL',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  designationReference?: string | null;
}

/** The three optional parts of the controller's details, shared by POST and PATCH. */
class OrganisationDetailsDto {
  @ApiPropertyOptional({ type: OrganisationContactDto, nullable: true, description: 'null removes it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrganisationContactDto)
  contact?: OrganisationContactDto | null;

  @ApiPropertyOptional({
    type: OrganisationRepresentativeDto,
    nullable: true,
    description: 'null removes it',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrganisationRepresentativeDto)
  representative?: OrganisationRepresentativeDto | null;

  @ApiPropertyOptional({ type: OrganisationDpoDto, nullable: true, description: 'null removes it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrganisationDpoDto)
  dpo?: OrganisationDpoDto | null;
}

export class CreateOrganisationDto extends OrganisationDetailsDto {
  @ApiProperty({ maxLength: 200, example: "Mairie d'Arcueil" })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ maxLength: 30, example: 'ARCUEIL', description: 'Unique, case-insensitively' })
  @Transform(trim)
  @IsString()
  @Length(1, 30)
  @Matches(SHORT_NAME, {
    message: "shortName ne peut contenir que des lettres, des chiffres, des espaces et . _ ' -",
  })
  shortName: string;

  @ApiProperty({ enum: ['member', 'vendor'] })
  @IsIn(['member', 'vendor'])
  kind: 'member' | 'vendor';

  @ApiPropertyOptional({ example: '219400037', description: 'SIREN: 9 digits with a valid Luhn key' })
  @IsOptional()
  @IsSiren()
  siren?: string;

  @ApiPropertyOptional({
    example: '21940041300015',
    description: 'SIRET: 14 digits with a valid Luhn key; starts with the SIREN when both are given',
  })
  @IsOptional()
  @IsSiret()
  siret?: string;

  @ApiPropertyOptional({
    description:
      '« Connexion unique obligatoire »: its members sign in through the OpenID Provider only (needs single sign-on configured)',
  })
  @IsOptional()
  @IsBoolean()
  ssoRequired?: boolean;
}

export class UpdateOrganisationDto extends OrganisationDetailsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 30 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 30)
  @Matches(SHORT_NAME, {
    message: "shortName ne peut contenir que des lettres, des chiffres, des espaces et . _ ' -",
  })
  shortName?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null removes it' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsSiren()
  siren?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'SIRET (14 digits); null removes it' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsSiret()
  siret?: string | null;

  @ApiPropertyOptional({
    description:
      '« Connexion unique obligatoire »: its members sign in through the OpenID Provider only; the operator administrators keep their password (needs single sign-on configured)',
  })
  @IsOptional()
  @IsBoolean()
  ssoRequired?: boolean;

  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
