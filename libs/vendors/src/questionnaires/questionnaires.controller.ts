import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, RequestContext, VersionedActionDto } from '@vigie/core';
import { asDownload } from '@vigie/documents';
import type { Response } from 'express';
import {
  CommentDto,
  QuestionnaireListQuery,
  ReviewDto,
  SaveAnswersDto,
  SendQuestionnaireDto,
} from './questionnaire.dto';
import { QuestionnaireAnswersService, UploadedAnswerFile } from './questionnaire-answers.service';
import { QuestionnaireReviewsService } from './questionnaire-reviews.service';
import {
  AttachmentView,
  CommentView,
  QuestionnaireDetail,
  QuestionnaireSummary,
} from './questionnaire-views';
import { QuestionnairesService } from './questionnaires.service';

@ApiTags('Vendors')
@ApiBearerAuth()
@Controller('questionnaires')
export class QuestionnairesController {
  constructor(
    private readonly questionnaires: QuestionnairesService,
    private readonly answers: QuestionnaireAnswersService,
    private readonly reviews: QuestionnaireReviewsService,
  ) {}

  @Post()
  @Endpoint(
    'Send a questionnaire to a vendor (security officer; previousQuestionnaireId re-assesses)',
    { action: 'create', subject: 'Questionnaire' },
    201,
  )
  send(@Ctx() ctx: RequestContext, @Body() dto: SendQuestionnaireDto): Promise<QuestionnaireDetail> {
    return this.questionnaires.send(ctx, dto);
  }

  @Get()
  @Endpoint('List questionnaires (a vendor contact: those sent to its company)', {
    action: 'read',
    subject: 'Questionnaire',
  })
  list(
    @Ctx() ctx: RequestContext,
    @Query() query: QuestionnaireListQuery,
  ): Promise<Page<QuestionnaireSummary>> {
    return this.questionnaires.list(ctx, query);
  }

  @Get(':id')
  @Endpoint('Read a questionnaire: questions, answers, attachments, the comments the caller may read', {
    action: 'read',
    subject: 'Questionnaire',
  })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<QuestionnaireDetail> {
    return this.questionnaires.get(ctx, id);
  }

  @Put(':id/answers')
  @Endpoint('Save draft answers (vendor contact; null clears an answer); status becomes in-progress', {
    action: 'update',
    subject: 'Questionnaire',
  })
  saveAnswers(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SaveAnswersDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<QuestionnaireDetail> {
    return this.answers.save(ctx, id, { ...dto, version: dto.version ?? ifMatch });
  }

  @Post(':id/answers/:questionKey/attachments')
  @Endpoint(
    'Attach a file to an answer (vendor contact; multipart "file", type checked from the content; the version of the questionnaire in If-Match)',
    { action: 'update', subject: 'Questionnaire' },
    201,
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @UseInterceptors(FileInterceptor('file'))
  attach(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('questionKey') questionKey: string,
    @UploadedFile() file: UploadedAnswerFile | undefined,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<AttachmentView> {
    return this.answers.attach(ctx, id, questionKey, file, ifMatch);
  }

  @Get(':id/attachments/:attachmentId/content')
  @Endpoint('Download an attached file (the exact bytes uploaded)', {
    action: 'read',
    subject: 'Questionnaire',
  })
  async attachment(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.answers.attachmentContent(ctx, id, attachmentId), response);
  }

  @Post(':id/submit')
  @Endpoint('Submit the answers for review (vendor contact; 400 lists the required questions unanswered)', {
    action: 'update',
    subject: 'Questionnaire',
  })
  submit(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VersionedActionDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<QuestionnaireDetail> {
    return this.answers.submit(ctx, id, dto.version ?? ifMatch);
  }

  @Post(':id/review')
  @Endpoint('Accept the answers or request changes (security officer)', {
    action: 'validate',
    subject: 'Questionnaire',
  })
  review(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReviewDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<QuestionnaireDetail> {
    return this.reviews.review(ctx, id, { ...dto, version: dto.version ?? ifMatch });
  }

  @Post(':id/comments')
  @Endpoint(
    'Comment on a question (security officer; internal comments are never shown to the vendor)',
    { action: 'create', subject: 'QuestionnaireComment' },
    201,
  )
  comment(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CommentDto,
  ): Promise<CommentView> {
    return this.reviews.comment(ctx, id, dto);
  }

  @Get(':id/comments')
  @Endpoint('The comments on a questionnaire the caller may read', {
    action: 'read',
    subject: 'QuestionnaireComment',
  })
  comments(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ items: CommentView[] }> {
    return this.reviews.comments(ctx, id);
  }
}
