import { join } from 'node:path';
import { holdFlag } from '../../../../test/support/hold-worker';
import { TooManyRequestsException } from '../errors/domain.exception';
import { WorkerPool } from './worker-pool';

const HOLD_WORKER = join(__dirname, '../../../../test/support/hold-worker');

/** Holds the pool's threads with `count` tasks; answers them and how to let them go. */
async function holdThreads(pool: WorkerPool, count: number) {
  const holds = Array.from({ length: count }, () => holdFlag());
  const held = holds.map((hold) => pool.run<string>(HOLD_WORKER, 'holdUntilReleased', { flag: hold.flag }));
  while (!holds.every((hold) => hold.started())) await new Promise((resolve) => setTimeout(resolve, 20));
  return { held, release: () => holds.forEach((hold) => hold.release()) };
}

describe('WorkerPool', () => {
  it.each([
    ['no queue', 0],
    ['a queue of two', 2],
  ])('with %s, refuses a task past the bound with a 429 and never runs it', async (_, queue) => {
    const pool = WorkerPool.open({ threads: 1, queue });
    try {
      const { held, release } = await holdThreads(pool, 1);
      const waiting = Array.from({ length: queue }, () => holdFlag());
      const queued = waiting.map((hold) =>
        pool.run<string>(HOLD_WORKER, 'holdUntilReleased', { flag: hold.flag }),
      );
      waiting.forEach((hold) => hold.release());
      const refused = await pool
        .run(HOLD_WORKER, 'holdUntilReleased', { flag: holdFlag().flag })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TooManyRequestsException);
      expect((refused as TooManyRequestsException).retryAfterSeconds).toBe(5);
      release();
      expect(await Promise.all([...held, ...queued])).toEqual(Array(1 + queue).fill('released'));
      // The refused task was not left behind: the next one runs at once, and only the accepted ones ran.
      const next = holdFlag();
      next.release();
      await expect(pool.run(HOLD_WORKER, 'holdUntilReleased', { flag: next.flag })).resolves.toBe('released');
      expect(pool.completed).toBe(2 + queue);
    } finally {
      await pool.release();
    }
  });
});
