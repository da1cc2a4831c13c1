import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { PageQuery } from '@vigie/core';
import { DELIVERIES, NOTICE_KIND_NAMES } from './notice-kinds';

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: the unread ones only' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class PreferenceDto {
  @ApiProperty({ enum: NOTICE_KIND_NAMES })
  @IsIn(NOTICE_KIND_NAMES)
  kind: string;

  @ApiProperty({
    enum: DELIVERIES,
    description: 'immediate, daily digest at 8 h (Paris), or off (refused for legal deadlines)',
  })
  @IsIn(DELIVERIES)
  delivery: string;
}

export class UpdatePreferencesDto {
  @ApiProperty({ type: [PreferenceDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  preferences: PreferenceDto[];
}
