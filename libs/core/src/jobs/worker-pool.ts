import { join, resolve } from 'node:path';
import type { Transferable } from 'node:worker_threads';
import { Piscina } from 'piscina';
import {
  DomainException,
  ErrorCode,
  FieldError,
  PayloadTooLargeException,
  TooManyRequestsException,
} from '../errors/domain.exception';
import type { HeavyOutcome, HeavyTask } from './heavy-worker';

/** Seconds a client is told to wait when every worker is busy and the queue is full. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * The worker entry: the compiled dispatcher beside this file in the built application, or, when the
 * application runs from its TypeScript sources (Jest, benchmarks), a JavaScript shim that registers SWC in the
 * worker thread before loading the same dispatcher.
 */
export const WORKER_ENTRY = __filename.endsWith('.ts')
  ? resolve(__dirname, '../../../../scripts/ts-worker.js')
  : join(__dirname, 'heavy-worker.js');

export interface WorkerPoolOptions {
  /** Worker threads at most. */
  threads: number;
  /** Tasks waiting for a thread at most; one more answers 429. */
  queue: number;
}

let current: WorkerPool | undefined;

/** The pool of the running application (undefined outside one, e.g. in a unit test): work runs inline then. */
export function currentWorkerPool(): WorkerPool | undefined {
  return current;
}

/**
 * Heavy work (reading uploaded spreadsheets, drawing PDFs) runs in worker threads so that one tenant's big file
 * never holds the event loop that serves everyone else. The pool is bounded: `threads` run at once, `queue`
 * more wait, and past that the request answers 429 with `Retry-After` instead of piling up memory. One pool per
 * process (per API instance); each application started in the process shares it until the last one stops.
 */
export class WorkerPool {
  private readonly piscina: Piscina;
  private users = 1;
  /** Tasks handed to piscina and not settled yet: running or waiting for a thread. */
  private inFlight = 0;

  private constructor(readonly options: WorkerPoolOptions) {
    this.piscina = new Piscina({
      filename: WORKER_ENTRY,
      minThreads: 0,
      maxThreads: options.threads,
      // The bound is kept by `run` (see `inFlight`), not by piscina: piscina 5 refuses a task when `maxQueue`
      // is 0 and every thread is busy, yet leaves it in its queue, where it later runs for nobody and makes
      // every following task refused while it waits.
      idleTimeout: 30_000,
      // A file that inflates past what its headers declared ends its worker, not the server.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
  }

  /** The process's pool (created on first use), counted as used once more until {@link release}. */
  static open(options: WorkerPoolOptions): WorkerPool {
    if (current) {
      current.users += 1;
      return current;
    }
    current = new WorkerPool(options);
    return current;
  }

  /** Nest calls this when the application closes. */
  async onModuleDestroy(): Promise<void> {
    await this.release();
  }

  /** Ends one use; the last one stops the threads. */
  async release(): Promise<void> {
    this.users -= 1;
    if (this.users > 0) return;
    if (current === this) current = undefined;
    await this.piscina.destroy();
  }

  /** Tasks waiting for a thread right now. */
  get queued(): number {
    return this.piscina.queueSize;
  }

  /** Tasks the threads have finished since the pool started (whatever their outcome). */
  get completed(): number {
    return this.piscina.completed;
  }

  /**
   * Runs `fn` of the module `module` (an absolute path without extension, chosen by the server) in a worker
   * with `input` (structured-cloned; `transfer` moves buffers or ports instead of copying them). A domain
   * error raised there is raised here again; a full queue raises a 429.
   */
  async run<T>(module: string, fn: string, input: unknown, transfer: Transferable[] = []): Promise<T> {
    if (this.inFlight >= this.options.threads + this.options.queue) {
      throw new TooManyRequestsException(
        'Le serveur traite déjà le maximum de fichiers volumineux ; réessayez dans quelques secondes',
        BUSY_RETRY_AFTER_SECONDS,
      );
    }
    const task: HeavyTask = { module, fn, input };
    let outcome: HeavyOutcome;
    this.inFlight += 1;
    try {
      outcome = (await this.piscina.run(task, { transferList: transfer as never })) as HeavyOutcome;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new PayloadTooLargeException('Le fichier est trop volumineux pour être traité');
      }
      throw error;
    } finally {
      this.inFlight -= 1;
    }
    if (!outcome.ok) {
      throw new DomainException(
        outcome.failure.code as ErrorCode,
        outcome.failure.message,
        outcome.failure.errors as FieldError[] | undefined,
      );
    }
    return outcome.value as T;
  }
}

/**
 * Runs `fn` of `module` in the application's worker pool, or inline (same module, same function) when no pool
 * runs: unit tests and scripts that call the code directly.
 */
export async function runHeavy<T>(
  module: string,
  fn: string,
  input: unknown,
  transfer: Transferable[] = [],
): Promise<T> {
  const pool = currentWorkerPool();
  if (pool) return pool.run<T>(module, fn, input, transfer);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(module) as Record<string, (input: unknown) => T | Promise<T>>;
  return loaded[fn](input);
}
