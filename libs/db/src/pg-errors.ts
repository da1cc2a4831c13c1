/** SQLSTATE of a unique constraint violation. */
export const UNIQUE_VIOLATION = '23505';

/** The constraint named in a PostgreSQL error raised through TypeORM, if it is a unique violation. */
export function uniqueViolation(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError;
  const err = driverError ?? (error as { code?: string; constraint?: string });
  return err?.code === UNIQUE_VIOLATION ? (err.constraint ?? 'unique') : undefined;
}
