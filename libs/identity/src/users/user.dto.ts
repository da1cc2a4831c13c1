import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { IsAcceptablePassword } from '../auth/password-policy';
import { trim } from '@vigie/core';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateUserDto {
  @ApiProperty({ example: 'dpo@arcueil.fr', description: 'Unique, case-insensitively' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email doit être une adresse électronique' })
  @Length(3, 254)
  email: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  displayName: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 200,
    writeOnly: true,
    description: 'At least 12 characters, not a common password, not made of the name or email',
  })
  @IsAcceptablePassword()
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({
    description: 'A disabled user cannot sign in, and their tokens stop working at once',
  })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ minLength: 12, maxLength: 200, writeOnly: true })
  @IsOptional()
  @IsAcceptablePassword()
  password?: string;

  @ApiPropertyOptional({ description: 'Version last read (or the If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class LoginDto {
  @ApiProperty({ example: 'admin@vigie.local' })
  @Transform(normaliseEmail)
  @IsString()
  @Length(1, 254)
  email: string;

  @ApiProperty({ writeOnly: true })
  @IsString()
  @Length(1, 200)
  password: string;
}
