import { StaleVersionException, ValidationException } from '@vigie/core';

/**
 * Checks the version a client sent (body `version` or `If-Match`) against the stored one.
 * A missing version is a bad request: an update without it could silently overwrite someone else's change.
 */
export function assertVersion(entityLabel: string, stored: number, sent: number | undefined): void {
  if (sent === undefined || sent === null) {
    throw ValidationException.field(
      'version',
      'the version last read is required (body field or If-Match header)',
    );
  }
  if (stored !== sent) throw new StaleVersionException(entityLabel, stored);
}
