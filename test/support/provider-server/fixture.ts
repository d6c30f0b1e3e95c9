// A loopback provider server for the tests of one describe block (started before them, closed after), and the one
// structured call those tests make through a model: what lazy-model.test.ts and provider.test.ts both need.
import type { LanguageModel } from 'ai';
import { afterAll, beforeAll } from 'vitest';
import { callStructured } from '../../../src/providers/call.js';
import { analysisSchema } from '../../../src/providers/schemas.js';
import { startProviderServer } from './server.js';
import type { ProviderServer, ProviderServerOptions } from './types.js';

/** The server of the enclosing describe block, read once its tests run. */
export function useProviderServer(options: ProviderServerOptions): () => ProviderServer {
  let server: ProviderServer | undefined;
  beforeAll(async () => {
    server = await startProviderServer(options);
  });
  afterAll(() => server?.close());
  return () => {
    if (server === undefined) throw new Error('the provider server is read before its tests run');
    return server;
  };
}

/** One analysis asked of `model` with its schema, as the remote engine's per-file requests are. */
export function askForAnalysis(model: LanguageModel) {
  return callStructured({
    model,
    system: 's',
    prompt: 'p',
    schema: analysisSchema,
    schemaName: 'analysis',
    deadline: Date.now() + 10_000,
  });
}
