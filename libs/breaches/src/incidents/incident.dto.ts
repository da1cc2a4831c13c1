import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
} from 'class-validator';
import { IsInstant, trim } from '../common/dto-helpers';

/** An incident the operator's security officer declares on one or more applications. */
export class CreateIncidentDto {
  @ApiPropertyOptional({ description: 'The application concerned (or applicationIds for several)' })
  @ValidateIf((dto: CreateIncidentDto) => dto.applicationId !== undefined || dto.applicationIds === undefined)
  @IsUUID('all', {
    message: 'applicationId (ou applicationIds) doit désigner la ou les applications concernées',
  })
  applicationId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  applicationIds?: string[];

  @ApiProperty({ maxLength: 300, example: 'Accès non autorisé au serveur applicatif' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ example: '2026-03-28T10:00:00+01:00', description: 'When the operator became aware' })
  @IsInstant()
  awareAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @ApiProperty({ maxLength: 10_000 })
  @Transform(trim)
  @IsString()
  @Length(1, 10_000)
  description: string;
}
