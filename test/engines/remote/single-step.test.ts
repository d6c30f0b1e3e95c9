import { describe, expect, it } from 'vitest';
import { NoValidCandidateError, runSingleStep } from '../../../src/engines/remote/single-step.js';
import { isGenerateRequest, largeChange } from './fixtures.js';
import { makeStageContext, useTestResources } from './context.js';

const { start } = useTestResources();

describe('runSingleStep', () => {
  it('sends every chunk in one request asking for the message in plain text', async () => {
    const server = await start();
    const { ctx, counted } = await makeStageContext({ server, prepared: largeChange(6) });
    expect(await runSingleStep(ctx)).toMatchObject({ type: 'feat', body: 'Adds the entry point.' });
    expect(counted()).toBe(1);
    const request = server.requests[0]?.normalized;
    expect(isGenerateRequest(request)).toBe(true);
    expect(request?.system).toContain('Answer with the commit message alone, in plain text');
    expect(request?.structured).toBeUndefined();
    for (const chunk of ctx.prepared.chunks) expect(request?.messages[0]?.content).toContain(chunk.text.trimEnd());
  });

  const subjects = ['add the parser', 'add a parser module', 'introduce diff parsing'];
  /** A new subject per completion, whichever request or choice it is. */
  function distinctAnswers() {
    let answered = 0;
    return () => ({ text: `feat(diff): ${subjects[answered++ % 3] ?? ''}` });
  }
  // Each answer takes 300 ms at the server, so requests sent one after another could never be in flight together.
  const latency = { baseMs: 300, perInputKTokensMs: 0, perOutputTokenMs: 0 };

  it.each([
    ['openai', (body: Record<string, unknown>) => body.n],
    ['openai-compatible', (body: Record<string, unknown>) => body.n],
    ['gemini', (body: Record<string, unknown>) => (body.generationConfig as Record<string, unknown>).candidateCount],
  ] as const)('decodes several candidates as the choices of one %s request', async (provider, asked) => {
    const server = await start({ latency, respond: distinctAnswers() });
    const config = { candidates: 3, model: provider === 'gemini' ? 'gemini-2.5-flash' : 'gpt-4o-mini' };
    const { ctx, counted } = await makeStageContext({ server, prepared: largeChange(6), config, provider });
    let alternatives: string[] = [];
    ctx.keepAlternatives = (list) => (alternatives = list.map((message) => message.subject));
    const message = await runSingleStep(ctx);
    expect(server.requests).toHaveLength(1);
    expect(counted()).toBe(1);
    expect(asked(server.requests[0]!.body as Record<string, unknown>)).toBe(3);
    expect([message.subject, ...alternatives].sort()).toEqual([...subjects].sort());
  });

  it('decodes several Anthropic candidates as concurrent requests and keeps the others as alternatives', async () => {
    const server = await start({ latency, respond: distinctAnswers() });
    const config = { candidates: 3, model: 'claude-haiku-4-5' };
    const { ctx, counted } = await makeStageContext({
      server,
      prepared: largeChange(6),
      config,
      provider: 'anthropic',
    });
    let alternatives: string[] = [];
    ctx.keepAlternatives = (list) => (alternatives = list.map((message) => message.subject));
    const message = await runSingleStep(ctx);
    expect(counted()).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(server.maxInFlight).toBe(3);
    expect([message.subject, ...alternatives].sort()).toEqual([...subjects].sort());
  });

  it('asks for the rest side by side when an OpenAI-compatible server ignores n, and traces it once', async () => {
    const server = await start({ latency, respond: distinctAnswers(), ignoreChoices: true });
    const { ctx, counted, trace } = await makeStageContext({
      server,
      prepared: largeChange(6),
      config: { candidates: 3 },
    });
    let alternatives: string[] = [];
    ctx.keepAlternatives = (list) => (alternatives = list.map((message) => message.subject));
    const message = await runSingleStep(ctx);
    expect((server.requests[0]!.body as Record<string, unknown>).n).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(counted()).toBe(3);
    // the two after the first were in flight together
    expect(server.requests[2]!.inFlightAtStart).toBe(2);
    expect(trace.render().match(/choices .*asked=3 answered=1/g)).toHaveLength(1);
    expect([message.subject, ...alternatives].sort()).toEqual([...subjects].sort());
  });

  it.each(['openai', 'openai-compatible', 'anthropic', 'gemini'] as const)(
    'streams the message request over %s and sends its text as it comes',
    async (provider) => {
      const header = 'feat(diff): stream the parser output to the terminal';
      // The model wraps it as some do: the draft leaves the fence out once the header has come.
      const server = await start({ respond: () => ({ text: `\`\`\`\n${header}\n\nShows the words.\n\`\`\`` }) });
      const { ctx } = await makeStageContext({ server, prepared: largeChange(6), provider });
      const deltas: string[] = [];
      ctx.streamDraft = true;
      ctx.onProgress = (event) => void (event.type === 'text' && deltas.push(event.delta));
      const message = await runSingleStep(ctx);
      expect(server.requests[0]?.normalized?.stream).toBe(true);
      expect(deltas.length).toBeGreaterThan(2);
      expect(deltas.join('')).toBe(`${header}\n\nShows the words.`);
      expect(message.body).toBe('Shows the words.');
      expect(message).toMatchObject({
        type: 'feat',
        scope: 'diff',
        subject: 'stream the parser output to the terminal',
      });
    },
  );

  it('does not stream without streamDraft, nor for several candidates', async () => {
    const server = await start();
    for (const config of [{}, { candidates: 2 }]) {
      const { ctx } = await makeStageContext({ server, prepared: largeChange(6), config });
      ctx.onProgress = () => undefined;
      ctx.streamDraft = 'candidates' in config;
      await runSingleStep(ctx);
    }
    expect(server.requests.map((request) => request.normalized?.stream)).toEqual([false, false]);
  });

  it('leaves the body out when no body is wanted, even if the model wrote one', async () => {
    const server = await start();
    const { ctx } = await makeStageContext({ server, prepared: largeChange(6), config: { body: false } });
    expect(await runSingleStep(ctx)).not.toHaveProperty('body');
  });

  it('fails with NoValidCandidateError when no candidate is a valid message', async () => {
    const server = await start({ respond: () => ({ text: 'feat: add a. Fix b.' }) });
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
