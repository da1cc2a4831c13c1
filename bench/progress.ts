/**
 * Progress of an ISO 27001 assessment whose controls are supported by 1,000 evidence files (16 KiB each):
 * time of `GET /assessments/:id/progress` (aggregates in SQL). Usage:
 *   node -r ./scripts/ts-register.js bench/progress.ts [embedded|postgres] [rounds] [evidence]
 */
import { call, seedIsoAssessment, startBench, stats, timed } from './certification-setup';

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'embedded') as 'embedded' | 'postgres';
  const rounds = Number(process.argv[3] ?? 50);
  const evidence = Number(process.argv[4] ?? 1000);
  const bench = await startBench(mode);
  try {
    const [assessmentId, seedMs] = await timed(() => seedIsoAssessment(bench, evidence));
    console.log(`${mode}: ISO assessment with ${evidence} evidence files seeded in ${seedMs.toFixed(0)} ms`);
    const [first, coldMs] = await timed(() =>
      call(bench.url, bench.token, 'GET', `/assessments/${assessmentId}/progress`),
    );
    console.log(
      `first call ${coldMs.toFixed(1)} ms: ${first.total} requirements, ${first.evidence.total} evidence, ` +
        `${first.evidence.expired} expired, ${first.evidence.expiringSoon.count} expiring within 30 days, ` +
        `${first.overdue.count} overdue`,
    );
    const samples: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      samples.push(
        (await timed(() => call(bench.url, bench.token, 'GET', `/assessments/${assessmentId}/progress`)))[1],
      );
    }
    console.log(`GET /assessments/:id/progress: ${stats(samples)}`);
    const summary: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      summary.push(
        (await timed(() => call(bench.url, bench.token, 'GET', `/assessments/${assessmentId}/summary`)))[1],
      );
    }
    console.log(`GET /assessments/:id/summary:  ${stats(summary)}`);
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
