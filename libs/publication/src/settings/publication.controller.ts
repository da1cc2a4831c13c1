import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, RequestContext, sentVersion } from '@vigie/core';
import { PublicRegisterDocument } from '../public-register/public-register.schema';
import type { PublicRegister } from '../public-register/public-register.service';
import { PublicationPreviewQuery, PublicationView, UpdatePublicationDto } from './publication.dto';
import { PublicationService } from './publication.service';

@ApiTags('Public register')
@ApiBearerAuth()
@Controller('organisations/:orgId/publication')
export class PublicationController {
  constructor(private readonly publication: PublicationService) {}

  @Get()
  @Endpoint("A member's public register settings: published or not, and which fields", {
    action: 'read',
    subject: 'Publication',
  })
  @ApiOkResponse({ type: PublicationView })
  get(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
  ): Promise<PublicationView> {
    return this.publication.get(ctx, organisationId);
  }

  @Get('preview')
  @Endpoint(
    'What the public register shows (or would show) with the stored fields or those given: the DPO’s preview',
    { action: 'read', subject: 'Publication' },
  )
  @ApiOkResponse({ type: PublicRegisterDocument })
  preview(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: PublicationPreviewQuery,
  ): Promise<PublicRegister> {
    return this.publication.preview(ctx, organisationId, query.fields);
  }

  @Put()
  @Endpoint(
    "Publish, reshape or unpublish a member's register (its DPO); unpublishing takes effect at once",
    { action: 'update', subject: 'Publication' },
  )
  @ApiOkResponse({ type: PublicationView })
  update(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Body() dto: UpdatePublicationDto,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<PublicationView> {
    return this.publication.update(ctx, organisationId, { ...dto, version: sentVersion(dto, ifMatch) });
  }
}
