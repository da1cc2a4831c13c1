import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

/**
 * The `version` field of a mutation's body: the version of the record the client read last. It is optional
 * in the body only because the `If-Match` header may carry it instead; the change itself (`auditedChange()`,
 * through `assertVersion`) answers 400 when neither was sent and 409 when it is stale. One rule for every
 * mutation, the updates and the action routes (`validate`, `archive`, a DPIA decision…) alike.
 */
export function VersionField(description = 'Version last read (or the If-Match header)'): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsInt(), Min(1));
}

/** The body of an action route that carries nothing but the version last read (e.g. `validate`). */
export class VersionedAction {
  @VersionField()
  version?: number;
}

/** The version a mutation was sent with: the body's `version`, else the `If-Match` header's. */
export function sentVersion(
  body: { version?: number } | undefined,
  ifMatch: number | undefined,
): number | undefined {
  return body?.version ?? ifMatch;
}
