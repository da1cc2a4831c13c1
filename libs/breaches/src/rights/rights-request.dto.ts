import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  Max,
  Min,
} from 'class-validator';
import { IsVersion } from '@vigie/core';
import { IsInstant, OptionalNotNull, trim } from '../common/dto-helpers';
import { CHANNELS, RIGHTS, RIGHTS_REQUEST_STATUSES } from './rights-rules';

const TEXT = 10_000;

export class CreateRightsRequestDto {
  @ApiProperty({ enum: RIGHTS, description: 'A key of GDPR.rights' })
  @IsIn(RIGHTS)
  right: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  requesterName: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'Where to answer (address, e-mail)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 300)
  requesterContact?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  details?: string | null;

  @ApiProperty({ example: '2026-01-31T09:00:00+01:00', description: 'When the request reached the member' })
  @IsInstant()
  receivedAt: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  receivedChannel?: string | null;

  @ApiPropertyOptional({ description: "The requester's identity was checked" })
  @IsOptional()
  @IsBoolean()
  identityChecked?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  processingActivityIds?: string[];

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  notes?: string | null;
}

/** A change to a request, with the version last read. Extending and refusing are the DPO's. */
export class UpdateRightsRequestDto {
  @IsVersion()
  version?: number;

  @ApiPropertyOptional({ enum: RIGHTS })
  @OptionalNotNull()
  @IsIn(RIGHTS)
  right?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  requesterName?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 300)
  requesterContact?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  details?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInstant()
  receivedAt?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  receivedChannel?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  identityChecked?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  processingActivityIds?: string[];

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, TEXT)
  notes?: string | null;

  @ApiPropertyOptional({ enum: RIGHTS_REQUEST_STATUSES })
  @OptionalNotNull()
  @IsIn(RIGHTS_REQUEST_STATUSES)
  status?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 2,
    description: 'Further months (Art. 12.3), with status "extended"',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(2)
  extensionMonths?: number;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  extensionReason?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  answeredAt?: string | null;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  answerChannel?: string | null;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  refusalReason?: string | null;
}
