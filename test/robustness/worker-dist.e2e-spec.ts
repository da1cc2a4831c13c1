import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist/apps/api/libs');

/**
 * The heavy-work pool from the built application (`npm start`), in a plain Node process without SWC: the
 * worker entry is the compiled dispatcher, the tasks the compiled modules. (Under Jest, every e2e test of the
 * pool runs the TypeScript sources through scripts/ts-worker.js instead.)
 */
describe('Worker pool of the built application (e2e)', () => {
  it('reads an import, renders a PDF and reports a domain error in worker threads of dist', () => {
    // npm ci builds through the `prepare` script, as the npm start test expects.
    expect(existsSync(join(DIST, 'core/src/jobs/heavy-worker.js'))).toBe(true);
    const script = `
      const { WorkerPool, WORKER_ENTRY } = require(${JSON.stringify(join(DIST, 'core/src/jobs/worker-pool.js'))});
      const pool = WorkerPool.open({ threads: 1, queue: 4 });
      const table = ${JSON.stringify(join(DIST, 'register/src/spreadsheets/register-table.worker'))};
      const pdf = ${JSON.stringify(join(DIST, 'documents/src/pdf/pdf.worker'))};
      (async () => {
        const read = await pool.run(table, 'readRegisterTable', {
          bytes: Buffer.from('Nom;Finalité\\r\\nA;un\\r\\n'), maxRows: 10, maxInflatedBytes: 1e6 });
        const rendered = await pool.run(pdf, 'renderPdfScript', {
          header: { title: 'Essai', organisationName: 'Mairie', generatedAt: new Date() },
          calls: [['title', ['Registre']], ['paragraph', ['Bonjour']],
            ['barChart', ['Fiches par statut', [{ label: 'Validées', value: 3 }]]]] });
        const refused = await pool.run(table, 'readRegisterTable', {
          bytes: Buffer.from('Nom\\r\\nA\\r\\nB\\r\\n'), maxRows: 1, maxInflatedBytes: 1e6 }).catch((e) => e);
        process.stdout.write(JSON.stringify({
          entry: WORKER_ENTRY, read, pdf: Buffer.from(rendered.bytes).subarray(0, 5).toString(),
          key: typeof rendered.contentKey, refused: [refused.name, refused.code, refused.message] }));
        await pool.release();
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const output = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }),
    );
    expect(output.entry).toBe(join(DIST, 'core/src/jobs/heavy-worker.js'));
    expect(output.read).toEqual({ header: ['Nom', 'Finalité'], rows: [['A', 'un']] });
    expect(output.pdf).toBe('%PDF-');
    expect(output.key).toBe('string');
    expect(output.refused).toEqual([
      'DomainException',
      'validation-failed',
      'file : au plus 1 lignes par import',
    ]);
  });
});
