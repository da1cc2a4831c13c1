/**
 * Issue 14, item 1: does one tenant's heavy work stall the others? Another member's light request (its DPO
 * listing its register, one request at a time) is timed while one member's DPO keeps sending, one after the
 * other, (a) the hostile CSV of the finding (a header, then `x;y\r\n` a million times: 5 MB) to the register
 * import, (b) an 80 KB XLSX that inflates to 20 MB, (c) requests for its 300-activity register PDF. Prints the
 * light request's p50 / p99 / max per scenario (target p99 < 200 ms) and the heavy requests' statuses.
 * Run: npm run build && node -r ./scripts/ts-register.js bench/heavy-isolation.ts [postgres|embedded] [seconds]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { benchEntry, call, memberWithDpo } from './register-fixtures';
import { freshServerDatabase, loginAdmin, startServer } from './support';

const HEADER =
  'Nom du traitement;Finalité(s) et bases légales;Catégories de personnes concernées;Catégories de données';

function hostileCsv(): Buffer {
  return Buffer.concat([Buffer.from(`${HEADER}\r\n`), Buffer.from('x;y\r\n'.repeat(1_000_000))]);
}

async function inflatingXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Registre').addRow(HEADER.split(';'));
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  zip.file('xl/media/padding.bin', Buffer.alloc(20 * 1024 * 1024, 0x20));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(run: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const started = process.hrtime.bigint();
  const response = await run();
  await response.arrayBuffer();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: response.status };
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'postgres';
  const seconds = Number(process.argv[3] ?? 15);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-heavy-'));
  const database = mode === 'postgres' ? await freshServerDatabase('vigie_bench_heavy') : undefined;
  const common = { VIGIE_DEMO: '0', VIGIE_DATA_DIR: dataDir, VIGIE_EXPENSIVE_PER_MINUTE: '100000' };
  const env = database
    ? {
        ...common,
        DATABASE_URL: database.url,
        VIGIE_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
        VIGIE_AUDIT_KEY: 'bench-audit-key-bench-audit-key-bench-audit-key',
      }
    : { ...common, DATABASE_URL: '' };
  const { server } = await startServer(env, 29230);
  try {
    const admin = await loginAdmin(server.url);
    const heavy = await memberWithDpo(server.url, admin, 'LOURD');
    const light = await memberWithDpo(server.url, admin, 'LEGER');
    for (let n = 1; n <= 300; n += 1) {
      await call(
        server.url,
        heavy.dpoToken,
        'POST',
        `/organisations/${heavy.organisationId}/processing-activities`,
        benchEntry(n, heavy.applicationId),
      );
    }
    for (let n = 1; n <= 20; n += 1) {
      await call(
        server.url,
        light.dpoToken,
        'POST',
        `/organisations/${light.organisationId}/processing-activities`,
        benchEntry(n, light.applicationId),
      );
    }
    const csv = hostileCsv();
    const xlsx = await inflatingXlsx();
    console.log(
      `database: ${mode}; hostile CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1024).toFixed(0)} KB; ${seconds} s per scenario`,
    );
    const upload = (bytes: Buffer, name: string) => () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      return fetch(`${server.url}/api/v1/organisations/${heavy.organisationId}/register/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${heavy.dpoToken}` },
        body: form,
      });
    };
    const pdf = () =>
      fetch(`${server.url}/api/v1/organisations/${heavy.organisationId}/register.pdf?drafts=include`, {
        headers: { authorization: `Bearer ${heavy.dpoToken}` },
      });
    const lightRequest = () =>
      fetch(`${server.url}/api/v1/organisations/${light.organisationId}/processing-activities?pageSize=20`, {
        headers: { authorization: `Bearer ${light.dpoToken}` },
      });
    const scenarios: [string, (() => Promise<Response>) | undefined][] = [
      ['alone (no heavy work)', undefined],
      ['hostile CSV import (5 MB)', upload(csv, 'registre.csv')],
      ['inflating XLSX import (80 KB → 20 MB)', upload(xlsx, 'registre.xlsx')],
      ['register PDF, 300 activities', pdf],
    ];
    for (const [name, heavyRun] of scenarios) {
      // Warm-up: the worker threads start on first use.
      if (heavyRun) await timed(heavyRun);
      const deadline = Date.now() + seconds * 1000;
      const heavyTimes: { ms: number; status: number }[] = [];
      const heavyLoop = (async () => {
        while (heavyRun && Date.now() < deadline) heavyTimes.push(await timed(heavyRun));
      })();
      const latencies: number[] = [];
      while (Date.now() < deadline) {
        const { ms, status } = await timed(lightRequest);
        if (status !== 200) throw new Error(`light request answered ${status}`);
        latencies.push(ms);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await heavyLoop;
      const statuses = [...new Set(heavyTimes.map((t) => t.status))].join('/');
      console.log(
        `${name}: light p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms over ${latencies.length} requests` +
          (heavyRun
            ? `; heavy: ${heavyTimes.length} requests (${statuses}), median ${percentile(
                heavyTimes.map((t) => t.ms),
                50,
              ).toFixed(0)} ms`
            : ''),
      );
    }
  } finally {
    await server.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
