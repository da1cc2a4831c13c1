import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsAcceptablePassword } from './password-policy';

export class ChangePasswordDto {
  @ApiProperty({ writeOnly: true })
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 200,
    writeOnly: true,
    description: 'At least 12 characters, not a common password, not made of the name or email',
  })
  @IsAcceptablePassword()
  newPassword: string;
}

export class MembershipSummaryDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
  @ApiProperty()
  organisationName: string;
  @ApiProperty({ enum: ['operator', 'member', 'vendor'] })
  kind: string;
  @ApiProperty({ example: 'dpo' })
  role: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-12-31',
    description: 'An access for a limited period (auditor): its last day; absent or null without an end',
  })
  endsOn?: string | null;
}

/** The signed-in user, as `/auth/me` and `/auth/session` answer. */
export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  email: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty({ type: [MembershipSummaryDto] })
  memberships: MembershipSummaryDto[];
  @ApiPropertyOptional({
    description: 'With a web session: the token to send in X-CSRF-Token with every mutation',
  })
  csrfToken?: string;
}

export class LoginUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  email: string;
  @ApiProperty()
  displayName: string;
}

export class LoginResultDto {
  @ApiProperty()
  accessToken: string;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds' })
  expiresIn: number;
  @ApiProperty({ type: LoginUserDto })
  user: LoginUserDto;
}
