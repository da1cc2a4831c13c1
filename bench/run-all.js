/**
 * `npm run bench [seconds]`: builds, then on the embedded database and on PostgreSQL runs the request scenarios
 * (list, read, create, PDF: latency percentiles, throughput ratio to a no-op route, peak memory), the import of
 * a 50,000-line access-review CSV and the 300-activity register PDF (time and memory).
 */
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');

const root = resolve(__dirname, '..');
const seconds = process.argv[2] ?? '5';
const ts = (file, ...args) =>
  execFileSync(process.execPath, ['-r', './scripts/ts-register.js', file, ...args], {
    cwd: root,
    stdio: 'inherit',
  });

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
for (const mode of ['embedded', 'postgres']) {
  console.log(`\n=== ${mode} ===`);
  ts('bench/scenarios.ts', mode, seconds);
  ts('bench/access-review-import.ts', mode, '50000');
  ts('bench/register-pdf.ts', mode, '300');
}
