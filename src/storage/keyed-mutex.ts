/**
 * An in-process mutex per key: each caller waits for the previous holder's turn to finish. A
 * caller that gives up after `waitMs` leaves the queue without disturbing the callers behind it.
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `task` once every earlier holder of `key` is done; throws when that takes longer than `waitMs`. */
  async run<T>(key: string, task: () => Promise<T>, waitMs: number): Promise<T> {
    const previous = this.#tails.get(key);
    let release = (): void => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => done) : done;
    this.#tails.set(key, tail);
    try {
      // A free lock (nearly always: two locks per update, rarely contended) needs no timer.
      if (previous) await waitAtMost(previous, waitMs, () => new Error(`Timed out after ${waitMs} ms waiting for lock "${key}"`));
      return await task();
    } finally {
      release();
      // Forget the key once the queue behind it is empty. Not before `tail` settles: a caller that
      // timed out must not let the next caller skip a holder that is still running.
      void tail.then(() => {
        if (this.#tails.get(key) === tail) this.#tails.delete(key);
      });
    }
  }
}

async function waitAtMost(promise: Promise<void>, ms: number, timeoutError: () => Error): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
