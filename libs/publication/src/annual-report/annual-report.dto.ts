import { parisDay } from '@vigie/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidationArguments,
  ValidatorConstraint,
  Validate,
} from 'class-validator';

/** The GDPR applies from 25 May 2018: no report before that year. */
export const FIRST_REPORT_YEAR = 2018;

export function currentParisYear(now = new Date()): number {
  return Number(parisDay(now).slice(0, 4));
}

@ValidatorConstraint({ name: 'notFutureYear' })
class NotFutureYear {
  validate(value: unknown): boolean {
    return typeof value === 'number' && value <= currentParisYear();
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be after the current year`;
  }
}

/** The year reported on: from 2018 to the current year (so far); by default the last full year. */
export class AnnualReportQuery {
  @ApiPropertyOptional({
    minimum: FIRST_REPORT_YEAR,
    example: 2026,
    description: 'Default: the previous year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_REPORT_YEAR)
  @Max(9999)
  @Validate(NotFutureYear)
  year?: number;
}

export class AnnualReportsDto {
  @ApiPropertyOptional({
    minimum: FIRST_REPORT_YEAR,
    example: 2026,
    description: 'Default: the previous year',
  })
  @IsOptional()
  @IsInt()
  @Min(FIRST_REPORT_YEAR)
  @Max(9999)
  @Validate(NotFutureYear)
  year?: number;
}

/** A generated record, as `GET /documents` lists it. */
export class DocumentRecordView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ example: 'annual-report' })
  kind: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  sha256: string;

  @ApiProperty()
  size: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdBy: string | null;
}

export class AnnualReportRecordsView {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty()
  year: number;

  @ApiProperty({ type: DocumentRecordView, description: 'The PDF record' })
  pdf: DocumentRecordView;

  @ApiProperty({ type: DocumentRecordView, description: 'The XLSX record of the figures' })
  xlsx: DocumentRecordView;
}

export class AnnualReportsView {
  @ApiProperty({ type: [AnnualReportRecordsView], description: 'One per member, by name' })
  items: AnnualReportRecordsView[];
}
