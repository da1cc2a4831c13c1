import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Page, RequestContext } from '@vigie/core';
import { NotificationListQuery, UpdatePreferencesDto } from './notification.dto';
import { NotificationsService, NotificationView, PreferenceView } from './notifications.service';

@ApiTags('Notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Endpoint("The caller's own notices, newest first (?unread=true: the unread ones)", 'signed-in')
  list(@Ctx() ctx: RequestContext, @Query() query: NotificationListQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(ctx, query);
  }

  @Get('unread-count')
  @Endpoint("How many of the caller's notices are unread (the bell's badge)", 'signed-in')
  unreadCount(@Ctx() ctx: RequestContext): Promise<{ unread: number }> {
    return this.notifications.unreadCount(ctx);
  }

  @Get('preferences')
  @Endpoint("The caller's choice for each kind of notice: immediate, daily digest or off", 'signed-in')
  preferences(@Ctx() ctx: RequestContext): Promise<{ items: PreferenceView[] }> {
    return this.notifications.preferences(ctx);
  }

  @Put('preferences')
  @Endpoint(
    'Choose how each kind of notice is e-mailed; a legal deadline cannot be switched off',
    'signed-in',
  )
  updatePreferences(
    @Ctx() ctx: RequestContext,
    @Body() dto: UpdatePreferencesDto,
  ): Promise<{ items: PreferenceView[] }> {
    return this.notifications.updatePreferences(ctx, dto);
  }

  @Post(':id/read')
  @Endpoint("Mark one of the caller's notices read (another user's: 404)", 'signed-in')
  markRead(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(ctx, id);
  }
}
