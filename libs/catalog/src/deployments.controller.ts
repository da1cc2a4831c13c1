import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, RequestContext } from '@vigie/core';
import { CreateDeploymentDto } from './application.dto';
import { DeploymentView } from './deployment.entity';
import { DeploymentsService } from './deployments.service';

@ApiTags('Application catalog')
@ApiBearerAuth()
@Controller('applications/:id/deployments')
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Post()
  @Endpoint(
    'Deploy the application for a member (operator administrator or security officer)',
    { action: 'create', subject: 'Deployment' },
    201,
  )
  create(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) applicationId: string,
    @Body() dto: CreateDeploymentDto,
  ): Promise<DeploymentView> {
    return this.deployments.create(ctx, applicationId, dto.organisationId);
  }

  @Get()
  @Endpoint('List the members using the application (a member sees only its own deployment)', {
    action: 'read',
    subject: 'Deployment',
  })
  list(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) applicationId: string,
  ): Promise<{ items: DeploymentView[] }> {
    return this.deployments.list(ctx, applicationId);
  }

  @Delete(':deploymentId')
  @Endpoint('Stop deploying the application for a member', { action: 'delete', subject: 'Deployment' }, 204)
  remove(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) applicationId: string,
    @Param('deploymentId', ParseUUIDPipe) deploymentId: string,
  ): Promise<void> {
    return this.deployments.remove(ctx, applicationId, deploymentId);
  }
}
