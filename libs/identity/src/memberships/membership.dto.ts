import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_ROLES } from '@vigie/authz';
import { parisDay } from '@vigie/core';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

/** The roles whose membership may carry an end date (an auditor comes for a few weeks). */
export const ROLES_WITH_END = ['auditor'] as const;

export class CreateMembershipDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  userId: string;

  @ApiProperty({ enum: ALL_ROLES, description: 'Must fit the organisation kind' })
  @IsIn(ALL_ROLES)
  role: string;

  @ApiPropertyOptional({
    type: String,
    example: '2026-12-31',
    nullable: true,
    description:
      'Auditor only: the last day (YYYY-MM-DD, Paris time, today or later) the membership grants anything; after it the membership stops working',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endsOn doit être une date AAAA-MM-JJ' })
  endsOn?: string | null;
}

/** A membership as listed: the role and who holds it. */
export class MembershipView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty()
  email: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty({ enum: ALL_ROLES })
  role: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-31',
    description: 'Last day the membership grants anything (auditors), null when it has no end',
  })
  endsOn: string | null;
  @ApiProperty({ description: 'False once the end date has passed: the membership grants nothing' })
  active: boolean;
  @ApiProperty()
  createdAt: Date;
}

export class MembershipPageView {
  @ApiProperty({ type: [MembershipView] })
  items: MembershipView[];
  @ApiProperty()
  total: number;
  @ApiProperty()
  page: number;
  @ApiProperty()
  pageSize: number;
}

/** Today in Paris (YYYY-MM-DD): an end date is a French calendar day. */
export function parisToday(moment: Date = new Date()): string {
  return parisDay(moment);
}

/** True for a real day of the calendar (no 31 February). */
export function isCalendarDay(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
