// The environment that sends the CLI to a loopback provider server, as a user's configuration would.
import type { ProviderServer } from './provider-server.js';

type Provider = 'openai' | 'openai-compatible' | 'anthropic' | 'gemini';

/**
 * `env` (a temp repository's isolated one) with the provider, base URL, key and model that point git-ai at `server`
 * (or at a base URL), then `extra`. The provider is `extra.GIT_AI_PROVIDER` or openai; its wire picks the base URL.
 */
export function remoteEnv(
  server: ProviderServer | string,
  env: NodeJS.ProcessEnv,
  extra: NodeJS.ProcessEnv & { GIT_AI_PROVIDER?: Provider } = {},
): NodeJS.ProcessEnv {
  const provider = extra.GIT_AI_PROVIDER ?? 'openai';
  const wire = provider === 'openai-compatible' ? 'openai' : provider;
  return {
    ...env,
    GIT_AI_PROVIDER: provider,
    GIT_AI_BASE_URL: typeof server === 'string' ? server : server.baseUrls[wire],
    GIT_AI_API_KEY: 'test-key',
    GIT_AI_MODEL: 'test-model',
    ...extra,
  };
}
