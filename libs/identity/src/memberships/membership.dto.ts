import { ApiProperty } from '@nestjs/swagger';
import { ALL_ROLES } from '@vigie/authz';
import { IsIn, IsUUID } from 'class-validator';

export class CreateMembershipDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  userId: string;

  @ApiProperty({ enum: ALL_ROLES, description: 'Must fit the organisation kind' })
  @IsIn(ALL_ROLES)
  role: string;
}

/** A membership as listed: the role and who holds it. */
export interface MembershipView {
  id: string;
  organisationId: string;
  userId: string;
  email: string;
  displayName: string;
  role: string;
  createdAt: Date;
}
