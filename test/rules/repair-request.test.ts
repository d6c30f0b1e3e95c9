// The rule repair's one request: inside the configured window like every other request of the run.
import { afterEach, describe, expect, it } from 'vitest';
import { createLanguageModel } from '../../src/providers/provider.js';
import { REASONING_TOKENS, ANSWER_TOKENS } from '../../src/providers/reasoning.js';
import { requestRuleRepair } from '../../src/rules/repair-request.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';

let server: ProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('requestRuleRepair', () => {
  it("bounds a reasoning model's output by the configured window, as the message's request is", async () => {
    server = await startProviderServer({
      apiKey: 'k',
      respond: () => ({ object: { header: 'feat(widgets): add the registry', body: null } }),
    });
    const model = await createLanguageModel({
      provider: 'openai-compatible',
      model: 'qwen3:8b', // a reasoning model whose known window (40,960) is larger than the server's
      apiKey: 'k',
      baseUrl: server.baseUrls.openai,
    });
    const answer = await requestRuleRepair({
      model,
      text: 'Feat(Widgets): Add the registry.',
      errors: [{ name: 'header-case', level: 2, valid: false, message: 'header must be lower-case' }],
      guidance: [],
      deadline: Date.now() + 10_000,
      contextWindow: 8_192,
    });
    expect(answer).toBe('feat(widgets): add the registry');
    const body = server.requests[0]?.body as Record<string, unknown>;
    const bound = (body.max_completion_tokens ?? body.max_tokens) as number;
    expect(bound).toBeGreaterThanOrEqual(ANSWER_TOKENS);
    expect(bound).toBeLessThan(8_192);
    expect(bound).toBeLessThan(ANSWER_TOKENS + REASONING_TOKENS);
  });
});
