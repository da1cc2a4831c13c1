import type { MessagePort } from 'node:worker_threads';
import { ParsedLine, readAccountCsv } from './account-csv';

/** Lines sent to the main thread at once. */
const LINES_PER_MESSAGE = 500;

export interface AccountCsvTask {
  port: MessagePort;
  limitBytes: number;
  now: Date;
  maxLines?: number;
}

/** Messages of the main thread to the worker. */
export type ToWorker = { chunk: Uint8Array } | { done: true } | { abort: true };
/** Messages of the worker to the main thread. */
export type FromWorker = { type: 'pull' } | { type: 'lines'; lines: ParsedLine[] } | { type: 'done' };

class Aborted extends Error {}

/**
 * Reads an account list in a worker thread (see `readAccountCsvOffThread`): asks the main thread for the body
 * one chunk at a time over `port`, and sends back the checked lines before asking for more, so that at most one
 * chunk's lines wait in the main thread while it writes them to the database.
 */
export async function parseAccountCsv(task: AccountCsvTask): Promise<number> {
  const { port } = task;
  const inbox: ToWorker[] = [];
  let wake: (() => void) | undefined;
  port.on('message', (message: ToWorker) => {
    inbox.push(message);
    wake?.();
  });
  const receive = async (): Promise<ToWorker> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift()!;
  };
  async function* body(): AsyncGenerator<Buffer> {
    for (;;) {
      port.postMessage({ type: 'pull' } satisfies FromWorker);
      const message = await receive();
      if ('abort' in message) throw new Aborted();
      if ('done' in message) return;
      yield Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength);
    }
  }
  let lines: ParsedLine[] = [];
  let count = 0;
  const flush = () => {
    if (lines.length) port.postMessage({ type: 'lines', lines } satisfies FromWorker);
    lines = [];
  };
  try {
    for await (const parsed of readAccountCsv(body(), task)) {
      lines.push(parsed);
      count += 1;
      if (lines.length >= LINES_PER_MESSAGE) flush();
    }
    flush();
    return count;
  } finally {
    port.postMessage({ type: 'done' } satisfies FromWorker);
    port.close();
  }
}
