import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, PageQuery, RequestContext, sentVersion } from '@vigie/core';
import { asDownload } from '@vigie/documents';
import type { Response } from 'express';
import { LinkEvidenceDto, UploadedEvidenceFile, UploadEvidenceDto } from './evidence.dto';
import { EvidenceService } from './evidence.service';
import { EvidenceLinkView, EvidenceView } from './evidence.view';

type EvidenceWithLinks = EvidenceView & { links: EvidenceLinkView[] };

@ApiTags('Certification')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('assessments/:id/requirements/:requirementAssessmentId/evidence')
  @Endpoint(
    'Upload an evidence file (multipart; type checked from the content; 413 beyond the limit)',
    { action: 'create', subject: 'Evidence' },
    201,
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'effectiveDate'],
      properties: {
        file: { type: 'string', format: 'binary' },
        effectiveDate: { type: 'string', format: 'date' },
        expiresAt: { type: 'string', format: 'date' },
        description: { type: 'string', maxLength: 1000 },
      },
    },
  })
  @UseInterceptors(FileInterceptor('file'))
  upload(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requirementAssessmentId', ParseUUIDPipe) raId: string,
    @UploadedFile() file: UploadedEvidenceFile | undefined,
    @Body() dto: UploadEvidenceDto,
  ): Promise<EvidenceWithLinks> {
    return this.evidence.upload(ctx, id, raId, file, dto);
  }

  @Get('assessments/:id/requirements/:requirementAssessmentId/evidence')
  @Endpoint('The evidence supporting one requirement assessment', { action: 'read', subject: 'Evidence' })
  listForRequirement(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requirementAssessmentId', ParseUUIDPipe) raId: string,
    @Query() query: PageQuery,
  ): Promise<Page<EvidenceView>> {
    return this.evidence.listForRequirement(ctx, id, raId, query);
  }

  @Get('evidence/:id')
  @Endpoint('Read one evidence record and the requirements it supports', {
    action: 'read',
    subject: 'Evidence',
  })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<EvidenceWithLinks> {
    return this.evidence.get(ctx, id);
  }

  @Get('evidence/:id/content')
  @Endpoint('Download the exact bytes uploaded', { action: 'read', subject: 'Evidence' })
  async content(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.evidence.content(ctx, id), response);
  }

  @Post('evidence/:id/links')
  @Endpoint(
    'Make an evidence support another requirement assessment (any framework)',
    { action: 'update', subject: 'Evidence' },
    201,
  )
  link(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: LinkEvidenceDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<EvidenceWithLinks> {
    return this.evidence.link(ctx, id, dto.requirementAssessmentId, sentVersion(dto, ifMatch));
  }

  @Delete('evidence/:id/links/:requirementAssessmentId')
  @Endpoint(
    'Stop using an evidence for a requirement assessment (the file is kept)',
    { action: 'update', subject: 'Evidence' },
    204,
  )
  async unlink(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requirementAssessmentId', ParseUUIDPipe) raId: string,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<void> {
    await this.evidence.unlink(ctx, id, raId, ifMatch);
  }
}
