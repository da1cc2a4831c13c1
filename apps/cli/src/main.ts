import 'reflect-metadata';
import { ConfigError, loadConfig } from '@vigie/core';
import type { CliCommand } from './command';
import { accessReviewsScheduleCommand } from './commands/access-reviews-schedule.command';
import { auditCheckpointCommand, auditVerifyCommand } from './commands/audit-verify.command';
import { frameworkImportCommand } from './commands/framework-import.command';
import { migrateCommand, revertCommand } from './commands/migrate.command';
import { notificationsRunCommand } from './commands/notifications-run.command';

const COMMANDS: CliCommand[] = [
  migrateCommand,
  revertCommand,
  auditVerifyCommand,
  auditCheckpointCommand,
  frameworkImportCommand,
  accessReviewsScheduleCommand,
  notificationsRunCommand,
];

function help(out: (line: string) => void): void {
  out('Usage: npm run cli -- <command> [arguments]\n\nCommands:');
  for (const command of COMMANDS) out(`  ${command.usage.padEnd(40)} ${command.description}`);
}

/** Runs one command and returns its exit code. */
export async function runCli(
  argv: string[],
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    if (name && name !== 'help' && name !== '--help') out(`Unknown command: ${name}\n`);
    help(out);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  return command.run(args, loadConfig(), out);
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        error instanceof ConfigError ? `${error.message}\n` : `${(error as Error)?.message ?? error}\n`,
      );
      process.exit(1);
    },
  );
}
