import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsString, Length } from 'class-validator';
import type { SectionDefinition } from './template-definition';
import { trim } from '@vigie/core';

/**
 * A new template. `sections` is checked as a whole by `templateErrors` (every problem listed with its path):
 * `[{key, title, questions: [{key, text, help?, type, required, weight, choices?: [{value, label, score}],
 * evidenceRequested}]}]`.
 */
export class CreateQuestionnaireTemplateDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  description?: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'Sections: {key, title, questions: [{key, text, help?, type: yes-no|single-choice|multiple-choice|text|number|date, required, weight (0-100), choices?: [{value, label, score (0-100)}], evidenceRequested}]}',
  })
  @IsArray()
  sections: SectionDefinition[];
}
