import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '@vigie/core';
import { GDPR_REFERENCE, GdprReferenceView } from './gdpr-reference';

/** The register's lists with their French labels, for forms and API clients (any signed-in user). */
@ApiTags('Reference data')
@ApiBearerAuth()
@Controller('reference')
export class GdprReferenceController {
  @Get('gdpr')
  @Endpoint('Every list the register uses (keys and French labels); any signed-in user', 'signed-in')
  @ApiOkResponse({ type: GdprReferenceView })
  gdpr(): GdprReferenceView {
    return GDPR_REFERENCE;
  }
}
