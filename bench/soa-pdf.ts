/**
 * Statement of Applicability PDF of a complete ISO 27001 assessment (93 controls with statuses,
 * justifications, reasons, and 300 evidence files referenced): render + store time of
 * `GET /assessments/:id/soa.pdf`. Usage:
 *   node -r ./scripts/ts-register.js bench/soa-pdf.ts [embedded|postgres] [rounds] [evidence]
 */
import { call, seedIsoAssessment, startBench, stats, timed } from './certification-setup';

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'embedded') as 'embedded' | 'postgres';
  const rounds = Number(process.argv[3] ?? 20);
  const evidence = Number(process.argv[4] ?? 300);
  const bench = await startBench(mode);
  try {
    const assessmentId = await seedIsoAssessment(bench, evidence);
    const [pdf, coldMs] = await timed(() =>
      call(bench.url, bench.token, 'GET', `/assessments/${assessmentId}/soa.pdf`),
    );
    const pages = ((pdf as Buffer).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(
      `${mode}: first SoA ${coldMs.toFixed(1)} ms, ${(pdf as Buffer).length} bytes, ${pages} pages`,
    );
    const samples: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      samples.push(
        (await timed(() => call(bench.url, bench.token, 'GET', `/assessments/${assessmentId}/soa.pdf`)))[1],
      );
    }
    console.log(`GET /assessments/:id/soa.pdf: ${stats(samples)}`);
    console.log(
      `heap used after: ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
    );
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
