import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { ValidationException } from '../errors/domain.exception';

/**
 * The one rule of "version required": every change of an existing record, PATCH, PUT and action route alike
 * (`open`, `close`, `done`, `submit`, a decision…), carries the version the client read last, in the body's
 * `version` or in `If-Match`. Missing is a 400 (below), stale a 409 (`assertVersion` of `@vigie/db`).
 */

/** The body field `version`: the version last read, optional in the body because `If-Match` may carry it. */
export function IsVersion(
  description = 'Version last read (or the If-Match header); required, stale answers 409',
): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsInt(), Min(1));
}

/** The body of an action route that changes a record and carries nothing else than the version last read. */
export class VersionedActionDto {
  @IsVersion()
  version?: number;
}

/**
 * The version a client sent for a change (`body.version ?? ifMatch`), or a 400 when it sent none: a change
 * without it could silently overwrite someone else's.
 */
export function requireVersion(sent: number | undefined | null): number {
  if (sent === undefined || sent === null) {
    throw ValidationException.field(
      'version',
      'la version lue en dernier est obligatoire (champ version du corps ou en-tête If-Match)',
    );
  }
  return sent;
}

/** The version a mutation was sent with: the body's `version`, else the `If-Match` header's. */
export function sentVersion(
  body: { version?: number } | undefined,
  ifMatch: number | undefined,
): number | undefined {
  return body?.version ?? ifMatch;
}
