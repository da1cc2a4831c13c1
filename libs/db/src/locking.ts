import { requireVersion, StaleVersionException } from '@vigie/core';

/**
 * Checks the version a client sent (body `version` or `If-Match`) against the stored one.
 * A missing version is a bad request (`requireVersion`): an update without it could silently overwrite someone
 * else's change.
 */
export function assertVersion(entityLabel: string, stored: number, sent: number | undefined): void {
  if (stored !== requireVersion(sent)) throw new StaleVersionException(entityLabel, stored);
}
