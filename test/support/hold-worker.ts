/**
 * A task for the heavy-work pool that keeps its worker thread busy until the test lets it go: `Atomics.wait` on
 * a shared flag set by the main thread (the pool and queue are then full for as long as the test needs).
 */
export function holdUntilReleased(input: { flag: SharedArrayBuffer }): string {
  const view = new Int32Array(input.flag);
  Atomics.store(view, 1, 1);
  while (Atomics.load(view, 0) === 0) Atomics.wait(view, 0, 0, 1000);
  return 'released';
}

/** A held task's flag, whether its worker has started it, and how to let it go. */
export function holdFlag(): { flag: SharedArrayBuffer; started: () => boolean; release: () => void } {
  const flag = new SharedArrayBuffer(8);
  const view = new Int32Array(flag);
  return {
    flag,
    started: () => Atomics.load(view, 1) === 1,
    release: () => {
      Atomics.store(view, 0, 1);
      Atomics.notify(view, 0);
    },
  };
}
