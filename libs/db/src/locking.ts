import { StaleVersionException, ValidationException } from '@vigie/core';

/**
 * Checks the version a client sent (body `version` or `If-Match`) against the stored one.
 * A missing version is a bad request: an update without it could silently overwrite someone else's change.
 */
export function assertVersion(entityLabel: string, stored: number, sent: number | undefined): void {
  if (sent === undefined || sent === null) {
    throw ValidationException.field(
      'version',
      'la version lue en dernier est obligatoire (champ version du corps ou en-tête If-Match)',
    );
  }
  if (stored !== sent) throw new StaleVersionException(entityLabel, stored);
}
