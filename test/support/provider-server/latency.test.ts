import { describe, expect, it } from 'vitest';
import { planLatency, sleep, totalLatencyMs } from './latency.js';

const LATENCY = { baseMs: 400, perInputKTokensMs: 30, perOutputTokenMs: 8 };

describe('planLatency', () => {
  it.each([
    ['no latency model', { inputTokens: 5000 }, { firstByteMs: 0, perOutputTokenMs: 0 }],
    ['base only', { latency: LATENCY, inputTokens: 0 }, { firstByteMs: 400, perOutputTokenMs: 8 }],
    ['2k input tokens', { latency: LATENCY, inputTokens: 2000 }, { firstByteMs: 460, perOutputTokenMs: 8 }],
    ['scaled down', { latency: LATENCY, inputTokens: 2000, scale: 0.01 }, { firstByteMs: 4.6, perOutputTokenMs: 0.08 }],
  ])('plans %s', (_name, options, expected) => {
    const plan = planLatency(options);
    expect(plan.firstByteMs).toBeCloseTo(expected.firstByteMs);
    expect(plan.perOutputTokenMs).toBeCloseTo(expected.perOutputTokenMs);
  });

  it('adds the output tokens for a whole answer', () => {
    expect(totalLatencyMs({ firstByteMs: 460, perOutputTokenMs: 8 }, 50)).toBe(860);
  });
});

describe('sleep', () => {
  it('returns false at once when the signal is already aborted', async () => {
    expect(await sleep(60_000, AbortSignal.abort())).toBe(false);
  });

  it('returns false when the signal aborts while waiting', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
  });

  it('returns true after the wait', async () => {
    expect(await sleep(1, new AbortController().signal)).toBe(true);
  });
});
