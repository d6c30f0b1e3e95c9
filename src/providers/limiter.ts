// Runs tasks at most `limit` at a time, first come first served; the limit can be halved when the provider pushes back.

export interface Limiter {
  /** Runs the task when a slot is free; a queued task whose signal aborts is rejected without running. */
  run<T>(task: (signal?: AbortSignal) => Promise<T>): Promise<T>;
  /** Halves the limit (never below 1) for the rest of the run, e.g. after repeated 429s. */
  lower(): void;
  readonly limit: number;
  readonly inFlight: number;
  /** The most tasks seen running at once. */
  readonly maxInFlight: number;
}

interface Waiter {
  start: () => void;
  cancel: (reason: unknown) => void;
}

export function createLimiter(options: { concurrency: number; signal?: AbortSignal }): Limiter {
  const { signal } = options;
  let limit = Math.max(1, Math.floor(options.concurrency));
  let inFlight = 0;
  let maxInFlight = 0;
  const queue: Waiter[] = [];

  const startNext = (): void => {
    while (inFlight < limit && queue.length > 0) queue.shift()?.start();
  };

  signal?.addEventListener('abort', () => queue.splice(0).forEach((waiter) => waiter.cancel(signal.reason)), {
    once: true,
  });

  const run = <T>(task: (signal?: AbortSignal) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const start = (): void => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Promise.resolve().then: a task that throws synchronously still frees its slot.
        Promise.resolve()
          .then(() => task(signal))
          .then(resolve, reject)
          .finally(() => {
            inFlight -= 1;
            startNext();
          });
      };
      queue.push({ start, cancel: reject });
      startNext();
    });

  return {
    run,
    lower() {
      limit = Math.max(1, Math.floor(limit / 2));
    },
    get limit() {
      return limit;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}
