import { describe, expect, it } from 'vitest';
import { createFaultQueue } from './faults.js';
import type { NormalizedRequest } from './types.js';

function request(model: string): NormalizedRequest {
  return { provider: 'openai', model, system: '', messages: [], stream: false, choices: 1, choice: 0, inputTokens: 0 };
}

describe('createFaultQueue', () => {
  it('answers with each rule `times` times, in order', () => {
    const queue = createFaultQueue([{ status: 429, times: 2 }, { status: 500 }]);
    const statuses = Array.from({ length: 4 }, () => queue.take(request('m'))?.status);
    expect(statuses).toEqual([429, 429, 500, undefined]);
  });

  it('skips rules whose match refuses the request, keeping them for later', () => {
    const queue = createFaultQueue([{ status: 503, match: (req) => req.model === 'big' }]);
    expect(queue.take(request('small'))).toBeUndefined();
    expect(queue.take(request('big'))?.status).toBe(503);
    expect(queue.take(request('big'))).toBeUndefined();
  });

  it('takes rules added at run time, and forgets all on clear', () => {
    const queue = createFaultQueue();
    queue.add({ status: 401, times: Infinity });
    expect([queue.take(request('m'))?.status, queue.take(request('m'))?.status]).toEqual([401, 401]);
    queue.clear();
    expect(queue.take(request('m'))).toBeUndefined();
  });
});
