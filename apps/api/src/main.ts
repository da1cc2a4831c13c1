import 'reflect-metadata';
import { ConfigError, loadConfig, resolveJwtSecret } from '@vigie/core';
import { BootstrapOutcome } from '@vigie/identity';
import { openDatabase, startVigie } from './runtime';

/** Shows the first start's credentials once, on the console, outside the JSON log stream. */
function printFirstStart(outcome: BootstrapOutcome, port: number): void {
  if (!outcome.created) return;
  const lines = ['', '=== Vigie: first start ===', `Administrator: ${outcome.admin?.email}`];
  lines.push(
    outcome.admin?.password
      ? `Password:      ${outcome.admin.password}  (shown once; change it)`
      : 'Password:      from VIGIE_ADMIN_PASSWORD',
  );
  if (outcome.demoAccounts?.length) {
    lines.push('', 'Demo accounts (demo data only), all with the same password:');
    for (const account of outcome.demoAccounts) lines.push(`  ${account.email}`);
    lines.push(`  password: ${outcome.demoAccounts[0].password}`);
  }
  lines.push('', `API: http://localhost:${port}/api/v1   docs: http://localhost:${port}/api/docs`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const jwtSecret = resolveJwtSecret(config);
  const vigie = await startVigie(config, database, { jwtSecret, listen: true });
  printFirstStart(vigie.bootstrap, config.port);
  const stop = (signal: string) => {
    process.stdout.write(
      `${JSON.stringify({ level: 30, time: Date.now(), msg: `${signal} received, shutting down` })}\n`,
    );
    vigie.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Vigie failed to start: ${String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
