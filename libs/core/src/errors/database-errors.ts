const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
// SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now).
const UNAVAILABLE_SQLSTATES = /^(08|57P0[1-3])/;

/** True when an error means the database cannot be reached right now (as opposed to a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const err = error as { code?: unknown; message?: unknown; driverError?: unknown };
  if (
    typeof err.code === 'string' &&
    (CONNECTION_ERROR_CODES.has(err.code) || UNAVAILABLE_SQLSTATES.test(err.code))
  ) {
    return true;
  }
  const message = typeof err.message === 'string' ? err.message : '';
  if (
    /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
      message,
    )
  ) {
    return true;
  }
  return err.driverError !== undefined && err.driverError !== error
    ? isDatabaseUnavailable(err.driverError)
    : false;
}
