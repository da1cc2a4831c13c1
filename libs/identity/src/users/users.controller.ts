import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, PageQuery, RequestContext } from '@vigie/core';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { UserView } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('Users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Endpoint(
    'Create a user (operator administrator); the password hash is never returned',
    { action: 'create', subject: 'User' },
    201,
  )
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(ctx, dto);
  }

  @Get()
  @Endpoint('List users (operator administrator)', { action: 'read', subject: 'User' })
  list(@Ctx() ctx: RequestContext, @Query() query: PageQuery): Promise<Page<UserView>> {
    return this.users.list(ctx, query);
  }

  @Get(':id')
  @Endpoint('Read one user (operator administrator)', { action: 'read', subject: 'User' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(ctx, id);
  }

  @Patch(':id')
  @Endpoint('Rename, disable, re-enable a user or set their password (with the version last read)', {
    action: 'update',
    subject: 'User',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<UserView> {
    return this.users.update(ctx, id, { ...dto, version: dto.version ?? ifMatch });
  }
}
