/** `npm run bench`: builds, then runs the scenario benchmark on the embedded database and on PostgreSQL. */
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');

const root = resolve(__dirname, '..');
const seconds = process.argv[2] ?? '5';
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
for (const mode of ['embedded', 'postgres']) {
  run(['-r', './scripts/ts-register.js', 'bench/scenarios.ts', mode, seconds]);
}
