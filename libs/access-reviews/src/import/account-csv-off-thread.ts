import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { currentWorkerPool } from '@vigie/core';
import { ParsedLine, readAccountCsv } from './account-csv';
import type { AccountCsvTask, FromWorker, ToWorker } from './account-csv.worker';

const ACCOUNT_WORKER = join(__dirname, 'account-csv.worker');

/**
 * {@link readAccountCsv} with the decoding, parsing and checking in a worker thread of the application's pool:
 * the body still streams from the request (the worker pulls it chunk by chunk), the lines come back in order,
 * and the worker asks for the next chunk only once the previous lines have been taken. Without a pool (unit
 * tests, scripts), reads here.
 */
export async function* readAccountCsvOffThread(
  body: AsyncIterable<Buffer | string>,
  options: { limitBytes: number; now: Date; maxLines?: number },
): AsyncGenerator<ParsedLine> {
  const pool = currentWorkerPool();
  if (!pool) {
    yield* readAccountCsv(body, options);
    return;
  }
  const source = body[Symbol.asyncIterator]();
  const { port1, port2 } = new MessageChannel();
  const inbox: FromWorker[] = [];
  let wake: (() => void) | undefined;
  port1.on('message', (message: FromWorker) => {
    inbox.push(message);
    wake?.();
  });
  let failed: unknown;
  let settled = false;
  const task = pool
    .run<number>(ACCOUNT_WORKER, 'parseAccountCsv', { ...options, port: port2 } satisfies AccountCsvTask, [
      port2,
    ])
    .catch((error: unknown) => {
      failed = error;
    })
    .finally(() => {
      settled = true;
      wake?.();
    });
  const receive = async (): Promise<FromWorker | undefined> => {
    // A task that failed (refused before it started, queue full, or its worker died) may never send `done`:
    // its failure ends the wait. A task that succeeded has sent `done`, maybe not yet delivered.
    while (inbox.length === 0 && !(settled && failed)) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift();
  };
  let finished = false;
  try {
    for (;;) {
      const message = await receive();
      if (!message || message.type === 'done') break;
      if (message.type === 'lines') {
        yield* message.lines;
        continue;
      }
      const next = await source.next();
      if (next.done) port1.postMessage({ done: true } satisfies ToWorker);
      else {
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        port1.postMessage({ chunk } satisfies ToWorker);
      }
    }
    await task;
    finished = true;
    if (failed) throw failed;
  } finally {
    if (!finished) {
      port1.postMessage({ abort: true } satisfies ToWorker);
      await task;
    }
    port1.close();
  }
}
