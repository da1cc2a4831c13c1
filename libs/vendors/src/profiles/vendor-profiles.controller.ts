import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, RequestContext } from '@vigie/core';
import { PutVendorProfileDto } from './vendor-profile.dto';
import { VendorProfilesService, VendorProfileView } from './vendor-profiles.service';

@ApiTags('Vendors')
@ApiBearerAuth()
@Controller('vendors/:id/profile')
export class VendorProfilesController {
  constructor(private readonly profiles: VendorProfilesService) {}

  @Get()
  @Endpoint("Read a vendor's profile (security officer, administrator, the vendor's own contacts)", {
    action: 'read',
    subject: 'VendorProfile',
  })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<VendorProfileView> {
    return this.profiles.get(ctx, id);
  }

  @Put()
  @Endpoint("Replace a vendor's profile (security officer; version last read, 0 before the first save)", {
    action: 'update',
    subject: 'VendorProfile',
  })
  put(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PutVendorProfileDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<VendorProfileView> {
    return this.profiles.put(ctx, id, { ...dto, version: dto.version ?? ifMatch });
  }
}
