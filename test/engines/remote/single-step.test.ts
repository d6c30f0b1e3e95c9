import { describe, expect, it } from 'vitest';
import { NoValidCandidateError, runSingleStep } from '../../../src/engines/remote/single-step.js';
import { isGenerateRequest, largeChange } from './fixtures.js';
import { makeStageContext, useTestResources } from './context.js';

const { start } = useTestResources();

describe('runSingleStep', () => {
  it('sends every chunk in one request asking for one header', async () => {
    const server = await start();
    const { ctx, counted } = await makeStageContext({ server, prepared: largeChange(6) });
    expect(await runSingleStep(ctx)).toMatchObject({ type: 'feat', body: 'Adds the entry point.' });
    expect(counted()).toBe(1);
    const request = server.requests[0]?.normalized;
    expect(isGenerateRequest(request)).toBe(true);
    expect(request?.system).toContain('Write exactly 1 header line');
    for (const chunk of ctx.prepared.chunks) expect(request?.messages[0]?.content).toContain(chunk.text.trimEnd());
  });

  it('decodes several candidates as concurrent completions and keeps the others as alternatives', async () => {
    let answered = 0;
    const subjects = ['add the parser', 'add a parser module', 'introduce diff parsing'];
    // Each answer takes 300 ms at the server, so requests sent one after another could never be in flight together.
    const latency = { baseMs: 300, perInputKTokensMs: 0, perOutputTokenMs: 0 };
    const server = await start({
      latency,
      respond: () => ({ object: { headers: [`feat(diff): ${subjects[answered++ % 3] ?? ''}`], body: null } }),
    });
    const { ctx, counted } = await makeStageContext({ server, prepared: largeChange(6), config: { candidates: 3 } });
    let alternatives: string[] = [];
    ctx.keepAlternatives = (list) => (alternatives = list.map((message) => message.subject));
    const message = await runSingleStep(ctx);
    expect(counted()).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(server.maxInFlight).toBe(3);
    expect([message.subject, ...alternatives].sort()).toEqual([...subjects].sort());
  });

  it('leaves the body out when no body is wanted, even if the model wrote one', async () => {
    const server = await start();
    const { ctx } = await makeStageContext({ server, prepared: largeChange(6), config: { body: false } });
    expect(await runSingleStep(ctx)).not.toHaveProperty('body');
  });

  it('fails with NoValidCandidateError when no candidate is a valid message', async () => {
    const server = await start({ respond: () => ({ object: { headers: ['feat: add a. Fix b.'], body: null } }) });
    const { ctx } = await makeStageContext({ server, prepared: largeChange(6) });
    await expect(runSingleStep(ctx)).rejects.toBeInstanceOf(NoValidCandidateError);
  });

  it.each([
    ['a 500', { status: 500, retryAfter: 0 }],
    ['a malformed answer', { status: 200, malformed: true }],
  ])('counts and traces the retry after %s', async (_name, fault) => {
    const server = await start({ faults: [fault] });
    const { ctx, trace, counted } = await makeStageContext({ server, prepared: largeChange(6) });
    await runSingleStep(ctx);
    expect(server.requests).toHaveLength(2);
    expect(counted()).toBe(2);
    expect(trace.render()).toMatch(/ {2}generate .*attempts=2/);
  });
});
