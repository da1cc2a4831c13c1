import { Controller, Get, Injectable, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { subject } from '@casl/ability';
import { abilityFor, ANY_ORGANISATION, Ctx, scoped, scopedQuery, tenantScope } from '@vigie/authz';
import { Endpoint, NotFoundException, Page, PageQuery, RequestContext, toPage } from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { Membership, Organisation } from '@vigie/identity';

/** One contact of a vendor: a person holding `vendor-contact` in the vendor organisation. */
export class VendorContactView {
  @ApiProperty({ format: 'uuid', description: 'The vendor-contact membership' })
  membershipId: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty()
  email: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty({ description: 'A disabled account cannot sign in' })
  disabled: boolean;
  @ApiProperty({ description: 'When the person became a contact of the vendor' })
  since: Date;
}

export class VendorContactPageView {
  @ApiProperty({ type: [VendorContactView] })
  items: VendorContactView[];
  @ApiProperty()
  total: number;
  @ApiProperty()
  page: number;
  @ApiProperty()
  pageSize: number;
}

/** A vendor's contacts, for the security officer (and the administrator) who writes to them. */
@Injectable()
export class VendorContactsService {
  constructor(private readonly tx: Transactions) {}

  async list(ctx: RequestContext, vendorId: string, query: PageQuery): Promise<Page<VendorContactView>> {
    const manager = this.tx.reader;
    if (!mayReadContacts(ctx, vendorId)) throw new NotFoundException('Vendor');
    const vendor = await scoped(manager, ctx)
      .query('Organisation', Organisation, 'o')
      .select('o.id')
      .andWhere('o.id = :vendorId AND o.kind = :kind', { vendorId, kind: 'vendor' })
      .getOne();
    if (!vendor) throw new NotFoundException('Vendor');
    const qb = scopedQuery(manager, ctx, 'read', 'VendorContact', Membership, 'm')
      .innerJoinAndSelect('m.user', 'u')
      .andWhere('m.organisationId = :vendorId AND m.role = :role', { vendorId, role: 'vendor-contact' })
      .orderBy('u.displayName', 'ASC')
      .addOrderBy('u.email', 'ASC')
      .addOrderBy('m.id', 'ASC');
    const { items, total } = await findPage(qb, query);
    return toPage(
      items.map((m) => ({
        membershipId: m.id,
        userId: m.userId,
        email: m.user!.email,
        displayName: m.user!.displayName,
        disabled: m.user!.disabled,
        since: m.createdAt,
      })),
      total,
      query,
    );
  }
}

/** Both filters of the role table (tenant scope, CASL rules) on a vendor-contact membership of this vendor. */
function mayReadContacts(ctx: RequestContext, vendorId: string): boolean {
  const scope = tenantScope(ctx, 'read', 'VendorContact');
  if (scope !== ANY_ORGANISATION && !scope.includes(vendorId)) return false;
  return abilityFor(ctx).can(
    'read',
    subject('VendorContact', { organisationId: vendorId, role: 'vendor-contact' }),
  );
}

@ApiTags('Vendors')
@ApiBearerAuth()
@Controller('vendors/:id/contacts')
export class VendorContactsController {
  constructor(private readonly contacts: VendorContactsService) {}

  @Get()
  @Endpoint("List a vendor's contacts (security officer, administrator): name, e-mail, account state", {
    action: 'read',
    subject: 'VendorContact',
  })
  @ApiOkResponse({ type: VendorContactPageView })
  list(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<VendorContactView>> {
    return this.contacts.list(ctx, id, query);
  }
}
