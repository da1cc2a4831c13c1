import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, IfMatchVersion, Page, RequestContext, VersionedActionDto } from '@vigie/core';
import { asDownload } from '@vigie/documents';
import type { Request, Response } from 'express';
import { CertificateService } from '../certificate/certificate.service';
import { AccountImportService, ImportResult } from '../import/account-import.service';
import { AccessReviewListQuery, CreateAccessReviewDto } from './access-review.dto';
import { AccessReviewView } from './access-review.view';
import { AccessReviewsService, ReviewerView } from './access-reviews.service';

@ApiTags('Access reviews')
@ApiBearerAuth()
@Controller('access-reviews')
export class AccessReviewsController {
  constructor(
    private readonly campaigns: AccessReviewsService,
    private readonly imports: AccountImportService,
    private readonly certificates: CertificateService,
  ) {}

  @Post()
  @Endpoint(
    'Create a campaign for a member and one of its applications (security officer); status draft',
    { action: 'create', subject: 'AccessReview' },
    201,
  )
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateAccessReviewDto): Promise<AccessReviewView> {
    return this.campaigns.create(ctx, dto);
  }

  @Get()
  @Endpoint('List the campaigns the caller may see', { action: 'read', subject: 'AccessReview' })
  list(@Ctx() ctx: RequestContext, @Query() query: AccessReviewListQuery): Promise<Page<AccessReviewView>> {
    return this.campaigns.list(ctx, query);
  }

  @Get(':id')
  @Endpoint('Read one campaign with its counts', { action: 'read', subject: 'AccessReview' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<AccessReviewView> {
    return this.campaigns.get(ctx, id);
  }

  @Get(':id/reviewers')
  @Endpoint("The member's possible reviewers, each with the accounts given to them and decided", {
    action: 'read',
    subject: 'AccessReview',
  })
  reviewers(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ items: ReviewerView[] }> {
    return this.campaigns.reviewers(ctx, id);
  }

  @Post(':id/accounts')
  @Expensive()
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'UTF-8 CSV (BOM allowed, `,` or `;`), header username,displayName,email,role,lastLogin,reviewerEmail',
    schema: { type: 'string' },
  })
  @Endpoint(
    'Import accounts from a CSV body (draft campaigns; security officer; the version in If-Match); bad lines are reported',
    { action: 'update', subject: 'AccessReview' },
    200,
  )
  importAccounts(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: Request,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ImportResult> {
    return this.imports.import(ctx, id, request.headers['content-type'], request, ifMatch);
  }

  @Post(':id/open')
  @Endpoint(
    'Open the review: reviewers may decide (security officer)',
    { action: 'update', subject: 'AccessReview' },
    200,
  )
  open(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VersionedActionDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<AccessReviewView> {
    return this.campaigns.open(ctx, id, dto.version ?? ifMatch);
  }

  @Post(':id/reminders')
  @Endpoint(
    'Remind the reviewers who still have accounts to decide (security officer; open campaigns; once a day each)',
    { action: 'update', subject: 'AccessReview' },
    200,
  )
  remind(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VersionedActionDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<{ reviewers: number; reminded: number }> {
    return this.campaigns.remind(ctx, id, dto.version ?? ifMatch);
  }

  @Post(':id/close')
  @Endpoint(
    'Close the review once every account is decided (409 otherwise); creates the remediation tasks',
    { action: 'update', subject: 'AccessReview' },
    200,
  )
  close(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VersionedActionDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<AccessReviewView> {
    return this.campaigns.close(ctx, id, dto.version ?? ifMatch);
  }

  @Get(':id/certificate.pdf')
  @Expensive()
  @Endpoint(
    'Certificate (French PDF) of a closed or remediated review, stored as a record and attached to ISO/IEC ' +
      '27001 control 5.18 (header X-Evidence-Status: attached, already-attached or no-current-assessment)',
    { action: 'read', subject: 'AccessReview' },
    200,
    { produces: 'application/pdf' },
  )
  async certificate(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { file, evidence } = await this.certificates.certificate(ctx, id);
    response.setHeader('X-Evidence-Status', evidence.status);
    if (evidence.evidenceId) response.setHeader('X-Evidence-Id', evidence.evidenceId);
    return asDownload(file, response);
  }
}
