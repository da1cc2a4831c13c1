import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/**
 * In a process of its own (TypeORM's registry of declared entities is shared by every test file of a Jest
 * process, the test entities of other specs included): the CLI's module alone, as `npm run cli` loads it.
 */
function entitiesSeenByTheCli(): { cli: string[]; declared: string[] } {
  const script = `
    const { getMetadataArgsStorage } = require('typeorm');
    const { applicationEntities } = require('./apps/cli/src/database');
    const names = (list) => [...new Set(list.map((entity) => entity.name))].sort();
    const declared = getMetadataArgsStorage().tables.map((table) => table.target);
    process.stdout.write(JSON.stringify({
      cli: names(applicationEntities()),
      declared: names(declared.filter((target) => typeof target === 'function')),
    }));`;
  const output = execFileSync(process.execPath, ['-r', './scripts/ts-register.js', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(output) as { cli: string[]; declared: string[] };
}

describe('the CLI’s data source', () => {
  it('opens with every entity the application declares, registered as its modules are imported', () => {
    const { cli, declared } = entitiesSeenByTheCli();
    expect(cli).toEqual(declared);
    expect(cli).toEqual(expect.arrayContaining(['NotificationPreference', 'Questionnaire', 'AccessReview']));
  }, 60_000);
});
