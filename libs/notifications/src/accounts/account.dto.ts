import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsAcceptablePassword } from '@vigie/identity';
import { IsEmail, IsString, Length, Matches } from 'class-validator';
import { trim } from '@vigie/core';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class InviteUserDto {
  @ApiProperty({ example: 'dpo@arcueil.fr' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email doit être une adresse électronique' })
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
  @Length(43, 43, { message: 'token n’est pas un jeton de lien valide' })
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'token n’est pas un jeton de lien valide' })
  token: string;
}

export class NewPasswordDto extends TokenDto {
  @ApiProperty({
    minLength: 12,
    maxLength: 200,
    writeOnly: true,
    description: 'At least 12 characters, not a common password, not made of the name or email',
  })
  @IsAcceptablePassword()
  newPassword: string;
}
