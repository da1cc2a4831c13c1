import type { AppConfig } from '@vigie/core';

/** One admin command of `npm run cli -- <name> [args]`. */
export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  /** Returns the process exit code. */
  run(args: string[], config: AppConfig, out: (line: string) => void): Promise<number>;
}
