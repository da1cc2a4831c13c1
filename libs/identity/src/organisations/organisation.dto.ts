import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateIf } from 'class-validator';
import { IsSiren } from './siren.validator';

const SHORT_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.'-]*$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrganisationDto {
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
}

export class UpdateOrganisationDto {
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

  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
