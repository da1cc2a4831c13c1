import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_PUBLISHED_FIELDS, PUBLISHABLE_FIELDS } from './publishable-fields';

/** `PUT /organisations/:orgId/publication`: the DPO opens, shapes or closes the member's public register. */
export class UpdatePublicationDto {
  @ApiProperty({
    description: 'Whether the register is public (false: every public address answers 404 at once)',
  })
  @IsBoolean()
  enabled: boolean;

  @ApiPropertyOptional({
    enum: PUBLISHABLE_FIELDS,
    isArray: true,
    example: DEFAULT_PUBLISHED_FIELDS,
    description:
      'The published fields of each entry (the name always is); absent: unchanged (the default the first time)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PUBLISHABLE_FIELDS.length)
  @IsIn(PUBLISHABLE_FIELDS, { each: true })
  fields?: string[];

  @ApiPropertyOptional({
    description:
      'Version last read (or the If-Match header), 0 before the first save; required, stale answers 409',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  version?: number;
}

export class PublishableFieldView {
  @ApiProperty({ enum: PUBLISHABLE_FIELDS })
  key: string;

  @ApiProperty({ example: 'Finalités et bases légales' })
  label: string;

  @ApiProperty({ description: 'Published unless the DPO chooses otherwise' })
  default: boolean;
}

export class PublicAddressesView {
  @ApiProperty({ example: '/public/GENTILLY/registre' })
  html: string;

  @ApiProperty({ example: '/public/GENTILLY/registre.json' })
  json: string;

  @ApiProperty({ example: '/public/GENTILLY/registre.csv' })
  csv: string;
}

/** `GET /organisations/:orgId/publication/preview?fields=`: a choice of fields to try before saving it. */
export class PublicationPreviewQuery {
  @ApiPropertyOptional({
    enum: PUBLISHABLE_FIELDS,
    isArray: true,
    description: 'Comma-separated; absent: the stored fields (the default before the first save)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(PUBLISHABLE_FIELDS.length)
  @IsIn(PUBLISHABLE_FIELDS, { each: true })
  fields?: string[];
}

/** A member's publication settings. */
export class PublicationView {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ enum: PUBLISHABLE_FIELDS, isArray: true })
  fields: string[];

  @ApiProperty({ description: '0 until the settings are first saved' })
  version: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  publishedAt: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  updatedAt: Date | null;

  @ApiProperty({ type: [PublishableFieldView] })
  availableFields: PublishableFieldView[];

  @ApiProperty({ type: PublicAddressesView, description: 'Site-root paths, without authentication' })
  addresses: PublicAddressesView;
}
