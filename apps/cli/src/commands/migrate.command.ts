import { runMigrations } from '@vigie/db';
import type { CliCommand } from '../command';
import { withDataSource } from '../database';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  description: 'Apply pending database migrations (the API also does at start-up)',
  run: (_args, config, out) =>
    withDataSource(config, async (dataSource) => {
      const applied = await runMigrations(dataSource);
      out(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'The schema is up to date');
      return 0;
    }),
};

export const revertCommand: CliCommand = {
  name: 'migrate:revert',
  usage: 'migrate:revert',
  description: 'Undo the last applied migration (its down step)',
  run: (_args, config, out) =>
    withDataSource(config, async (dataSource) => {
      await dataSource.undoLastMigration({ transaction: 'each' });
      out('The last migration was reverted');
      return 0;
    }),
};
