import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, RequestContext } from '@vigie/core';
import { DecisionDto, ItemListQuery, ReassignDto } from './item.dto';
import { ItemEventView, ItemsService, ItemView } from './items.service';

@ApiTags('Access reviews')
@ApiBearerAuth()
@Controller('access-reviews/:id/items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @Endpoint('The accounts of a campaign (an editor or reader sees those assigned to them)', {
    action: 'read',
    subject: 'AccessReview',
  })
  list(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ItemListQuery,
  ): Promise<Page<ItemView>> {
    return this.items.list(ctx, id, query);
  }

  @Post(':itemId/decision')
  @Endpoint(
    'Decide on an account: keep, revoke or modify (its reviewer or the member DPO; open campaigns)',
    { action: 'decide', subject: 'AccessReviewItem' },
    200,
  )
  decide(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: DecisionDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ItemView> {
    return this.items.decide(ctx, id, itemId, { ...dto, version: dto.version ?? ifMatch });
  }

  @Get(':itemId/history')
  @Endpoint('Every decision and reassignment of an account, oldest first', {
    action: 'read',
    subject: 'AccessReviewItem',
  })
  history(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
  ): Promise<{ items: ItemEventView[] }> {
    return this.items.history(ctx, id, itemId);
  }

  @Post(':itemId/reassign')
  @Endpoint(
    'Give an account to another reviewer of the member (security officer)',
    { action: 'update', subject: 'AccessReviewItem' },
    200,
  )
  reassign(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: ReassignDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ItemView> {
    return this.items.reassign(ctx, id, itemId, dto.reviewerId, dto.version ?? ifMatch);
  }
}
