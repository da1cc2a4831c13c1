/**
 * Register PDF of a member with N activities (default 300): render time, PDF size and pages, and the server's
 * resident memory before, at its peak during the render (sampled every 5 ms) and after.
 * Run: npm run build && node -r ./scripts/ts-register.js bench/register-pdf.ts [embedded|postgres] [activities] [runs]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEntry, call, memberWithDpo } from './register-fixtures';
import { freshServerDatabase, loginAdmin, median, startServer } from './support';

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'postgres';
  const count = Number(process.argv[3] ?? 300);
  const runs = Number(process.argv[4] ?? 3);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-pdf-'));
  const database = mode === 'postgres' ? await freshServerDatabase('vigie_bench_register_pdf') : undefined;
  const env = database
    ? {
        DATABASE_URL: database.url,
        VIGIE_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
        VIGIE_AUDIT_KEY: 'bench-audit-key-bench-audit-key-bench-audit-key',
        VIGIE_DEMO: '0',
        VIGIE_DATA_DIR: dataDir,
      }
    : { DATABASE_URL: '', VIGIE_DEMO: '0', VIGIE_DATA_DIR: dataDir };
  const { server } = await startServer(env, 29210);
  try {
    const admin = await loginAdmin(server.url);
    const member = await memberWithDpo(server.url, admin, 'BENCHPDF');
    const seeded = Date.now();
    for (let n = 1; n <= count; n += 1) {
      await call(
        server.url,
        member.dpoToken,
        'POST',
        `/organisations/${member.organisationId}/processing-activities`,
        benchEntry(n, member.applicationId),
      );
    }
    console.log(
      `database: ${mode}; ${count} activities created through the API in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
    );
    const pid = server.child.pid!;
    const times: number[] = [];
    for (let run = 1; run <= runs; run += 1) {
      global.gc?.();
      const before = rssMiB(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 5);
      const started = process.hrtime.bigint();
      const response = await fetch(
        `${server.url}/api/v1/organisations/${member.organisationId}/register.pdf`,
        {
          headers: { authorization: `Bearer ${member.dpoToken}` },
        },
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(sampler);
      if (!response.ok) throw new Error(`register.pdf: ${response.status}`);
      times.push(ms);
      const pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
      console.log(
        `run ${run}: ${ms.toFixed(0)} ms, ${(bytes.length / 1024).toFixed(0)} KiB, ${pages} pages; ` +
          `server RSS ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB (+${(peak - before).toFixed(0)}), ` +
          `${rssMiB(pid).toFixed(0)} MiB after`,
      );
    }
    console.log(`median render time ${median(times).toFixed(0)} ms for ${count} activities`);
  } finally {
    await server.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
