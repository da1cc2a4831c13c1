import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATUSES } from '../data/register-labels';
import {
  DataCategoryDto,
  PurposeDto,
  RecipientDto,
  SpecialCategoryDto,
  TransferDto,
} from './processing-activity.dto';

/** Response schemas of the register routes, for the OpenAPI document (the typed web client is generated from it). */
export class ScreenedItemResponse {
  @ApiProperty()
  key: string;
  @ApiProperty()
  label: string;
  @ApiProperty({ description: 'Implied by another field of the entry rather than ticked' })
  implied: boolean;
  @ApiPropertyOptional()
  impliedBy?: string;
}

export class DpiaDecisionResponse {
  @ApiProperty({ enum: ['not-carried-out'] })
  outcome: 'not-carried-out';
  @ApiProperty()
  reason: string;
  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  decidedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  decidedByName?: string | null;
  @ApiProperty({ type: [String] })
  criteria: string[];
}

export class ScreeningDecisionResponse extends DpiaDecisionResponse {
  @ApiProperty({ description: 'The screening changed since the decision' })
  stale: boolean;
}

export class DpiaScreeningResponse {
  @ApiProperty()
  required: boolean;
  @ApiProperty({ type: [String], description: 'Why, in French' })
  reasons: string[];
  @ApiProperty({ type: [ScreenedItemResponse] })
  criteria: ScreenedItemResponse[];
  @ApiProperty({ type: [ScreenedItemResponse] })
  cnilListItems: ScreenedItemResponse[];
  @ApiProperty({ type: [ScreenedItemResponse] })
  art35Cases: ScreenedItemResponse[];
  @ApiPropertyOptional({ type: ScreeningDecisionResponse })
  decision?: ScreeningDecisionResponse;
}

export class NamedRefResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
}

export class InheritedSecurityMeasuresResponse {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;
  @ApiProperty()
  applicationName: string;
  @ApiProperty({ type: [String] })
  measures: string[];
  @ApiProperty()
  label: string;
}

export class ProcessingActivityResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
  @ApiProperty()
  version: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
  @ApiProperty({ enum: STATUSES })
  status: (typeof STATUSES)[number];
  @ApiProperty({ type: [String] })
  applicationIds: string[];
  @ApiProperty({ type: [PurposeDto] })
  purposes: PurposeDto[];
  @ApiProperty({ type: [String] })
  dataSubjects: string[];
  @ApiProperty({ type: [DataCategoryDto] })
  dataCategories: DataCategoryDto[];
  @ApiProperty({ type: [SpecialCategoryDto] })
  specialCategories: SpecialCategoryDto[];
  @ApiProperty({ type: [RecipientDto] })
  recipients: RecipientDto[];
  @ApiProperty({ type: [TransferDto] })
  transfers: TransferDto[];
  @ApiProperty({ type: [String] })
  securityMeasures: string[];
  @ApiProperty({ type: [String] })
  dpiaCriteria: string[];
  @ApiProperty({ type: [String] })
  cnilListItems: string[];
  @ApiProperty({ type: [String] })
  art35Cases: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true })
  reviewDate: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  validatedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  validatedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  archivedAt: string | null;
  @ApiProperty({ type: DpiaDecisionResponse, nullable: true })
  dpiaDecision: DpiaDecisionResponse | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  templateId: string | null;
  @ApiProperty({ type: Number, nullable: true })
  templateVersion: number | null;
  @ApiProperty({ type: DpiaScreeningResponse })
  dpia: DpiaScreeningResponse;
  @ApiProperty({ description: 'Validated, with a review date that has passed' })
  overdue: boolean;
  @ApiPropertyOptional({ type: [NamedRefResponse], description: 'On the entry page' })
  applications?: NamedRefResponse[];
  @ApiPropertyOptional({ type: [InheritedSecurityMeasuresResponse], description: 'On the entry page' })
  inheritedSecurityMeasures?: InheritedSecurityMeasuresResponse[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'On the entry page: the template changed since the entry was made from it',
  })
  templateUpdate?: Record<string, unknown>;
}

export class ProcessingActivityPageResponse {
  @ApiProperty({ type: [ProcessingActivityResponse] })
  items: ProcessingActivityResponse[];
  @ApiProperty()
  total: number;
  @ApiProperty()
  page: number;
  @ApiProperty()
  pageSize: number;
}

export class HistoryEntryResponse {
  @ApiProperty()
  version: number;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;
  @ApiProperty({ type: String, nullable: true })
  actorName: string | null;
  @ApiProperty({
    enum: ['create', 'update', 'validate', 'archive', 'dpia-decision', 'apply-template', 'import'],
  })
  action: string;
  @ApiProperty()
  status: string;
  @ApiProperty({ type: [String] })
  changedFields: string[];
  @ApiProperty({ type: [String], description: "The changed fields' French names" })
  changedFieldLabels: string[];
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

export class HistoryResponse {
  @ApiProperty({ type: [HistoryEntryResponse] })
  items: HistoryEntryResponse[];
}
