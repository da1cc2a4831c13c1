/**
 * The dispatcher every heavy-work worker thread runs (see `WorkerPool`): loads the module named by the task
 * (a path the server itself chose, never one from a request) and calls its exported function with the input.
 * A domain error (anything with a string `code`, a message and maybe field errors) comes back as data so that
 * the main thread raises the same error; anything else is rethrown as is (a 500 there).
 */
export interface HeavyTask {
  module: string;
  fn: string;
  input: unknown;
}

export interface WorkerFailure {
  code: string;
  message: string;
  errors?: unknown[];
  /** Extra fields of the error (e.g. `retryAfterSeconds`). */
  details?: Record<string, unknown>;
}

export type HeavyOutcome = { ok: true; value: unknown } | { ok: false; failure: WorkerFailure };

export default async function runHeavyTask(task: HeavyTask): Promise<HeavyOutcome> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(task.module) as Record<string, unknown>;
  const fn = loaded[task.fn];
  if (typeof fn !== 'function') throw new Error(`${task.module} has no function ${task.fn}`);
  try {
    return { ok: true, value: await (fn as (input: unknown) => unknown)(task.input) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof Error && typeof code === 'string' && error.name.endsWith('Exception')) {
      return {
        ok: false,
        failure: {
          code,
          message: error.message,
          errors: (error as { errors?: unknown[] }).errors,
        },
      };
    }
    throw error;
  }
}
