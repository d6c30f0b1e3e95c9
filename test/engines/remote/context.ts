// A StageContext against a loopback provider server, for running one remote stage on its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Cache } from '../../../src/cache/disk-cache.js';
import { disabledCache, openCache } from '../../../src/cache/disk-cache.js';
import type { PreparedDiff } from '../../../src/diff/prepared.js';
import type { Provider } from '../../../src/config/schema.js';
import { createLanguageModel } from '../../../src/providers/provider.js';
import type { StageContext } from '../../../src/engines/remote/single-step.js';
import type { Trace } from '../../../src/debug/trace.js';
import { createTrace } from '../../../src/debug/trace.js';
import type { ProviderServer, ProviderServerOptions } from '../../support/provider-server.js';
import { startProviderServer } from '../../support/provider-server.js';
import { makeConfig, respondLikeModel } from './fixtures.js';

export const KEY = 'sk-test-0123456789';

/** Starts servers (answering like a model, a few ms late) and temporary caches that are closed and removed after each test. */
export function useTestResources(): {
  start: (options?: ProviderServerOptions) => Promise<ProviderServer>;
  tempCache: () => Promise<Cache>;
} {
  const servers: ProviderServer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    async start(options = {}) {
      const latency = { baseMs: 5, perInputKTokensMs: 0, perOutputTokenMs: 0 };
      const server = await startProviderServer({ apiKey: KEY, respond: respondLikeModel, latency, ...options });
      servers.push(server);
      return server;
    },
    async tempCache() {
      const dir = await mkdtemp(join(tmpdir(), 'git-ai-pipeline-'));
      dirs.push(dir);
      return openCache({ dir });
    },
  };
}

export interface StageHarness {
  ctx: StageContext;
  trace: Trace;
  /** Requests the stage counted so far. */
  counted: () => number;
}

export async function makeStageContext(options: {
  server: ProviderServer;
  prepared: PreparedDiff;
  config?: Record<string, unknown>;
  cache?: Cache;
  apiKey?: string;
  timeoutMs?: number;
  /** The wire protocol the stage speaks; openai-compatible by default. */
  provider?: Provider;
}): Promise<StageHarness> {
  const provider = options.provider ?? 'openai-compatible';
  const baseUrls = options.server.baseUrls;
  const config = makeConfig({
    provider,
    baseUrl: provider === 'anthropic' ? baseUrls.anthropic : provider === 'gemini' ? baseUrls.gemini : baseUrls.openai,
    apiKey: options.apiKey ?? KEY,
    ...options.config,
  });
  const model = await createLanguageModel({
    provider,
    model: config.model,
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
  });
  const trace = createTrace();
  let requests = 0;
  const ctx: StageContext = {
    prepared: options.prepared,
    config,
    history: [],
    model,
    cache: options.cache ?? disabledCache,
    deadline: Date.now() + (options.timeoutMs ?? 20_000),
    now: Date.now,
    span: trace.span('stage'),
    countRequests: (count) => (requests += count),
  };
  return { ctx, trace, counted: () => requests };
}
