/**
 * `npm test`: Jest (unit and e2e specs, in band), then, when no argument narrows the run, the browser tests
 * (Playwright, against the built server: `npm ci` builds it). `npm test -- <jest args>` runs Jest alone, e.g.
 * `npm test -- --selectProjects e2e` or `npm test -- test/register.e2e-spec.ts`; `npm run test:web` the browser
 * tests alone.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const args = process.argv.slice(2);

function run(argv) {
  const result = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'inherit' });
  if (result.signal) process.kill(process.pid, result.signal);
  return result.status ?? 1;
}

const jest = run([
  '--experimental-vm-modules',
  '--disable-warning=ExperimentalWarning',
  join(ROOT, 'node_modules/jest/bin/jest.js'),
  '--runInBand',
  ...args,
]);
if (jest !== 0 || args.length > 0) process.exit(jest);

if (
  !existsSync(join(ROOT, 'dist/web/index.html')) ||
  !existsSync(join(ROOT, 'dist/apps/api/apps/api/src/main.js'))
) {
  process.stderr.write(
    'The browser tests need the built application: run `npm run build` (npm ci does) first.\n',
  );
  process.exit(1);
}
process.exit(run([join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test']));
