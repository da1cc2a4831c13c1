import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsVersion } from '@vigie/core';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const emptyAsUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The text fields of the multipart upload (the file itself is the `file` part). */
export class UploadEvidenceDto {
  @ApiProperty({
    example: '2026-03-31',
    description: 'Date the document speaks for (distinct from the upload date)',
  })
  @Matches(DATE_ONLY, { message: 'effectiveDate doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'effectiveDate doit être une date qui existe' })
  effectiveDate: string;

  @ApiPropertyOptional({
    example: '2027-03-31',
    description: 'After this date the evidence is flagged expired',
  })
  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'expiresAt doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'expiresAt doit être une date qui existe' })
  expiresAt?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class LinkEvidenceDto {
  @ApiProperty({ format: 'uuid', description: 'A requirement assessment of any assessment (any framework)' })
  @IsUUID()
  requirementAssessmentId: string;

  @IsVersion('Version of the evidence last read (or the If-Match header); required, stale answers 409')
  version?: number;
}

/** A file received by multer (memory storage). */
export interface UploadedEvidenceFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}
