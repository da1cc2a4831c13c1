import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVersion, PageQuery, trim } from '@vigie/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { QUESTIONNAIRE_STATUSES, QuestionnaireStatus } from './questionnaire.entity';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class SendQuestionnaireDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  templateId: string;

  @ApiProperty({ format: 'uuid', description: 'An organisation of kind vendor' })
  @IsUUID('all')
  vendorId: string;

  @ApiProperty({ format: 'date', description: 'Answer expected by this date (today or later)' })
  @Matches(DATE_ONLY, { message: 'dueDate doit être une date AAAA-MM-JJ' })
  @IsISO8601({ strict: true }, { message: 'dueDate doit être une date qui existe' })
  dueDate: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Re-assessment: the vendor's previous questionnaire, whose answers are the starting point",
  })
  @IsOptional()
  @IsUUID('all')
  previousQuestionnaireId?: string;
}

export class AnswerDto {
  @ApiProperty({ maxLength: 60 })
  @IsString()
  @Length(1, 60)
  questionKey: string;

  @ApiProperty({
    description:
      'yes-no: "yes"|"no"; single-choice: a choice value; multiple-choice: choice values; text; number; date YYYY-MM-DD; null clears the answer',
    nullable: true,
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
  })
  @IsDefined({ message: 'value est obligatoire (null efface la réponse)' })
  @ValidateIf((_, value) => value !== null)
  value: unknown;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Transform(trim)
  @IsString()
  @Length(0, 2000)
  comment?: string | null;
}

export class SaveAnswersDto {
  @ApiProperty({ type: [AnswerDto], maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];

  @IsVersion()
  version?: number;
}

export class ReviewDto {
  @ApiProperty({ enum: ['accepted', 'changes-requested'] })
  @IsIn(['accepted', 'changes-requested'])
  decision: 'accepted' | 'changes-requested';

  @ApiPropertyOptional({ maxLength: 5000, description: 'Shown to the vendor; required to request changes' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Transform(trim)
  @IsString()
  @Length(0, 5000)
  comment?: string | null;

  @IsVersion()
  version?: number;
}

export class CommentDto {
  @ApiProperty({ maxLength: 60 })
  @IsString()
  @Length(1, 60)
  questionKey: string;

  @ApiProperty({ maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  body: string;

  @ApiPropertyOptional({ default: false, description: 'Internal comments are never shown to the vendor' })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

export class QuestionnaireListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  vendorId?: string;

  @ApiPropertyOptional({ enum: QUESTIONNAIRE_STATUSES })
  @IsOptional()
  @IsIn(QUESTIONNAIRE_STATUSES)
  status?: QuestionnaireStatus;
}
