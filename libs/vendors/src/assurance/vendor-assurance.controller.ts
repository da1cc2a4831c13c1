import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, RequestContext } from '@vigie/core';
import { ApplicationAssurance, VendorAssuranceService } from './vendor-assurance.service';

@ApiTags('Vendors')
@ApiBearerAuth()
@Controller()
export class VendorAssuranceController {
  constructor(private readonly assurance: VendorAssuranceService) {}

  @Get('applications/:id/vendor-assurance')
  @Endpoint("The application's vendor assurance: latest questionnaire, clause gaps, expired certifications", {
    action: 'read',
    subject: 'VendorAssurance',
  })
  forApplication(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ApplicationAssurance> {
    return this.assurance.forApplication(ctx, id);
  }

  @Get('processing-activities/:id/vendor-assurance')
  @Endpoint(
    'The vendor assurance of the applications a processing activity uses (those the caller may see)',
    { action: 'read', subject: 'ProcessingActivity' },
  )
  forProcessingActivity(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ processingActivityId: string; name: string; applications: ApplicationAssurance[] }> {
    return this.assurance.forProcessingActivity(ctx, id);
  }
}
