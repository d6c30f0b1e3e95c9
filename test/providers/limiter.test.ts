// The limiter: first come first served, never more than the limit at once, halving on demand, cancellation.
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/providers/limiter.js';

/** A task that finishes only when released, and records when it started. */
function gate(started: number[], id: number) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { release: () => release(), task: async () => (started.push(id), await done, id) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('starts tasks in arrival order and never more than the limit at once', async () => {
    const limiter = createLimiter({ concurrency: 2 });
    const started: number[] = [];
    const gates = [0, 1, 2, 3, 4].map((id) => gate(started, id));
    const results = gates.map((entry) => limiter.run(entry.task));
    await flush();
    expect([started, limiter.inFlight]).toEqual([[0, 1], 2]);
    gates[1]?.release();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((entry) => entry.release());
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([limiter.maxInFlight, limiter.inFlight]).toEqual([2, 0]);
  });

  it('respects the limit under many short tasks', async () => {
    const limiter = createLimiter({ concurrency: 3 });
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await flush();
      running -= 1;
    };
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(task)));
    expect([most, limiter.maxInFlight]).toEqual([3, 3]);
  });

  it.each([
    [8, [4, 2, 1, 1]],
    [5, [2, 1, 1, 1]],
    [1, [1, 1, 1, 1]],
  ])('lower() halves a limit of %i down to 1', (concurrency, limits) => {
    const limiter = createLimiter({ concurrency });
    expect(limits.map(() => (limiter.lower(), limiter.limit))).toEqual(limits);
  });

  it('starts queued tasks only within the lowered limit', async () => {
    const limiter = createLimiter({ concurrency: 4 });
    const started: number[] = [];
    const gates = [0, 1, 2, 3, 4, 5, 6].map((id) => gate(started, id));
    const results = gates.map((entry) => limiter.run(entry.task));
    await flush();
    limiter.lower();
    limiter.lower();
    gates.slice(0, 4).forEach((entry) => entry.release());
    await flush();
    expect([limiter.limit, limiter.inFlight, started]).toEqual([1, 1, [0, 1, 2, 3, 4]]);
    gates.forEach((entry) => entry.release());
    await Promise.all(results);
    expect(limiter.maxInFlight).toBe(4);
  });

  it('frees the slot of a task that fails, even synchronously', async () => {
    const limiter = createLimiter({ concurrency: 1 });
    const failing = limiter.run(() => {
      throw new Error('sync');
    });
    const rejecting = limiter.run(() => Promise.reject(new Error('async')));
    const next = limiter.run(async () => 'ran');
    await expect(failing).rejects.toThrow('sync');
    await expect(rejecting).rejects.toThrow('async');
    expect(await next).toBe('ran');
  });

  it('rejects queued tasks without running them when its signal aborts, and passes the signal to tasks', async () => {
    const controller = new AbortController();
    const limiter = createLimiter({ concurrency: 1, signal: controller.signal });
    const started: number[] = [];
    const first = gate(started, 0);
    let seen: AbortSignal | undefined;
    const running = limiter.run((signal) => ((seen = signal), first.task()));
    const queued = limiter.run(async () => started.push(1));
    await flush();
    controller.abort(new Error('stop'));
    await expect(queued).rejects.toThrow('stop');
    await expect(limiter.run(async () => 2)).rejects.toThrow('stop');
    first.release();
    expect(await running).toBe(0);
    expect([started, seen]).toEqual([[0], controller.signal]);
  });
});
