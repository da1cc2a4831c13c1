import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, RequestContext } from '@vigie/core';
import { PublicationView, UpdatePublicationDto } from './publication.dto';
import { PublicationService } from './publication.service';

@ApiTags('Public register')
@ApiBearerAuth()
@Controller('organisations/:orgId/publication')
export class PublicationController {
  constructor(private readonly publication: PublicationService) {}

  @Get()
  @Endpoint("A member's public register settings: published or not, and which fields")
  @ApiOkResponse({ type: PublicationView })
  get(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
  ): Promise<PublicationView> {
    return this.publication.get(ctx, organisationId);
  }

  @Put()
  @Endpoint("Publish, reshape or unpublish a member's register (its DPO); unpublishing takes effect at once")
  @ApiOkResponse({ type: PublicationView })
  update(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Body() dto: UpdatePublicationDto,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<PublicationView> {
    return this.publication.update(ctx, organisationId, { ...dto, version: dto.version ?? ifMatch });
  }
}
