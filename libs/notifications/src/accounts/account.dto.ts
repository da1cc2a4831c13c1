import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, Matches } from 'class-validator';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class InviteUserDto {
  @ApiProperty({ example: 'dpo@arcueil.fr' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @Length(3, 254)
  email: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  displayName: string;
}

export class EmailDto {
  @ApiProperty({ example: 'dpo@arcueil.fr' })
  @Transform(normaliseEmail)
  @IsString()
  @Length(1, 254)
  email: string;
}

/** A token from an e-mailed link: 43 base64url characters. */
export class TokenDto {
  @ApiProperty({ description: 'The token of the link received by e-mail' })
  @IsString()
  @Length(43, 43, { message: 'token is not a valid link token' })
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'token is not a valid link token' })
  token: string;
}

export class NewPasswordDto extends TokenDto {
  @ApiProperty({ minLength: 12, maxLength: 200, writeOnly: true })
  @IsString()
  @Length(12, 200, { message: 'newPassword must be 12 to 200 characters long' })
  newPassword: string;
}
