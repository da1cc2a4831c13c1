import type { DataSource, EntityManager } from 'typeorm';

/**
 * A time-driven source of notices (a due date coming, a deadline passed), defined by the capability that owns
 * the data and composed by the application. `scan` emits its notices with `emitNotice` and a threshold, so
 * that running it again (every hour, from the CLI) gives nothing twice. Answers how many notices it gave.
 */
export interface ReminderScanner {
  name: string;
  scan(manager: EntityManager, now: Date): Promise<number>;
}

/** Runs every scanner, each in its own transaction; answers the notices given by each. */
export async function runReminderScanners(
  dataSource: DataSource,
  scanners: readonly ReminderScanner[],
  now = new Date(),
): Promise<Record<string, number>> {
  const given: Record<string, number> = {};
  for (const scanner of scanners) {
    given[scanner.name] = await dataSource.transaction('READ COMMITTED', (manager) =>
      scanner.scan(manager, now),
    );
  }
  return given;
}
