import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RequestContext } from '@vigie/core';
import {
  ensureBuiltinFrameworks,
  FrameworkImportError,
  importFramework,
  validateFrameworkDefinition,
} from '@vigie/certification';
import type { CliCommand } from '../command';
import { withDataSource } from '../database';

export const frameworkImportCommand: CliCommand = {
  name: 'framework:import',
  usage: 'framework:import <file.json>',
  description: 'Add a custom certification framework (structure checked; see libs/certification/README.md)',
  async run(args, config, out) {
    if (args.length !== 1) {
      out('Usage: npm run cli -- framework:import <file.json>');
      return 2;
    }
    const path = resolve(args[0]);
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      out(`Cannot read ${path}: ${(error as Error).message}`);
      return 1;
    }
    const refused = (errors: string[]) => {
      out(`${path}: the framework was not imported (nothing was written):`);
      for (const problem of errors) out(`  - ${problem}`);
      return 1;
    };
    // The structure is checked before opening the database: a file can be fixed without one.
    const check = validateFrameworkDefinition(input);
    if (!check.ok) return refused(check.errors);
    return withDataSource(config, async (dataSource) => {
      try {
        const imported = await dataSource.transaction(async (manager) => {
          // Anchors may point into the built-in frameworks, present even if the API never started.
          await ensureBuiltinFrameworks(manager);
          return importFramework(manager, RequestContext.system('cli:framework-import'), input);
        });
        out(
          `Framework ${imported.code} imported: ${imported.requirements} requirements, ` +
            `${imported.assessable} assessable`,
        );
        return 0;
      } catch (error) {
        if (!(error instanceof FrameworkImportError)) throw error;
        return refused(error.errors);
      }
    });
  },
};
