// The SDK model for the configured provider; the SDK packages are imported only when a remote call is about to be made.
import type { LanguageModel } from 'ai';
import type { Provider } from '../config/schema.js';
import { vendorVariables } from '../config/load.js';
import { envVarOf } from '../config/keys.js';
import { UserError } from '../errors.js';
import { createTransport, type Transport } from './transport.js';
import { hookedFetch } from './exchange.js';

/**
 * Each provider's small, fast, cheap tier, which is all a commit message needs. An openai-compatible server has no
 * default: its models are whatever the user pulled (e.g. `llama3.2` on Ollama).
 */
export const DEFAULT_MODELS: Readonly<Record<Provider, string | undefined>> = {
  openai: 'gpt-4o-mini',
  'openai-compatible': undefined,
  anthropic: 'claude-haiku-4-5',
  gemini: 'gemini-2.5-flash',
};

// Local servers (Ollama, LM Studio, llama.cpp) ignore the key, but the OpenAI client insists on sending one.
const PLACEHOLDER_KEY = 'not-needed';

export interface LanguageModelOptions {
  provider: Provider;
  /** Where proxy settings are read (HTTPS_PROXY, NO_PROXY); process.env when absent. */
  env?: NodeJS.ProcessEnv;
  /** Unset or blank: the provider's default model. */
  model?: string;
  apiKey?: string;
  baseUrl?: string;
}

/** The environment variables that can hold the provider's key, GIT_AI_API_KEY first. */
export function apiKeyVariables(provider: Provider): string[] {
  return [envVarOf('api-key'), ...(vendorVariables(provider)['api-key'] ?? [])];
}

/** `git-ai config set api-key …` or the variables, for a hint. */
export function apiKeyHint(provider: Provider): string {
  return `Set it with \`git-ai config set api-key <key>\` or the ${apiKeyVariables(provider).join(' / ')} environment variable.`;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function resolveModel(provider: Provider, configured: string | undefined): string {
  const model = blankToUndefined(configured) ?? DEFAULT_MODELS[provider];
  if (model !== undefined) return model;
  throw new UserError('PROVIDER_MODEL', `The ${provider} provider needs a model name: none is configured.`, {
    hint: 'Name one your server serves, e.g. `git-ai config set model llama3.2` (Ollama lists them with `ollama list`).',
  });
}

/** Each provider's API root when base-url is not set (where an early connection goes). */
export const DEFAULT_BASE_URLS: Readonly<Record<Provider, string | undefined>> = {
  openai: 'https://api.openai.com/v1',
  'openai-compatible': undefined,
  anthropic: 'https://api.anthropic.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
};

let transport: Transport | undefined;

/** The process's one transport (node:http(s), keep-alive, proxies), made on first use. */
export function sharedTransport(env: NodeJS.ProcessEnv = process.env): Transport {
  transport ??= createTransport(env);
  return transport;
}

/** Opens the connection to the provider now (DNS, TCP, TLS), so that the first request finds it ready. */
export function preconnectProvider(options: { provider: Provider; baseUrl?: string; env?: NodeJS.ProcessEnv }): void {
  const url = blankToUndefined(options.baseUrl) ?? DEFAULT_BASE_URLS[options.provider];
  if (url !== undefined) sharedTransport(options.env).preconnect(url);
}

/**
 * Starts loading the SDK module a call to this provider needs, so that it loads while git is still busy. Calls go
 * through the provider model itself (providers/model-call.ts): the `ai` core package is not needed.
 */
export function preloadProviderSdk(provider: Provider): Promise<unknown> {
  return provider === 'anthropic'
    ? import('@ai-sdk/anthropic')
    : provider === 'gemini'
      ? import('@ai-sdk/google')
      : import('@ai-sdk/openai');
}

/** The SDK's name for each provider's models (`model.provider`), known before the SDK loads. */
const SDK_PROVIDER_IDS: Readonly<Record<Provider, string>> = {
  openai: 'openai.chat',
  'openai-compatible': 'openai-compatible.chat',
  anthropic: 'anthropic.messages',
  gemini: 'google.generative-ai',
};

type SdkModel = Extract<LanguageModel, { specificationVersion: 'v3' }>;

/**
 * A model whose SDK loads at its first request: a run the cache answers never loads the AI SDK (~1.3 MB of bundled
 * JavaScript, 100-150 ms of a warm run). It names its provider and model as the SDK's own model does.
 */
function loadOnFirstCall(
  provider: Provider,
  modelId: string,
  make: () => Promise<SdkModel>,
  onLoad?: (loading: Promise<unknown>) => void,
): SdkModel {
  let made: Promise<SdkModel> | undefined;
  const load = () => {
    if (made === undefined) {
      made = make();
      onLoad?.(made);
    }
    return made;
  };
  return {
    specificationVersion: 'v3',
    provider: SDK_PROVIDER_IDS[provider],
    modelId,
    get supportedUrls() {
      return load().then((model) => model.supportedUrls);
    },
    doGenerate: async (options) => (await load()).doGenerate(options),
    doStream: async (options) => (await load()).doStream(options),
  };
}

export async function createLanguageModel(
  options: LanguageModelOptions & {
    /** Given the SDK's loading when it starts, at the first request. */ onLoad?: (loading: Promise<unknown>) => void;
  },
): Promise<LanguageModel> {
  // The SDK prints warnings (e.g. an unsupported setting) to the console; a commit message tool's stderr is not the place.
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
  const { provider } = options;
  const model = resolveModel(provider, options.model);
  const apiKey = blankToUndefined(options.apiKey);
  const baseURL = blankToUndefined(options.baseUrl);
  // Through the call's exchange hooks (several choices in one request; `git ai prompt`'s capture).
  const fetch = hookedFetch(sharedTransport(options.env).fetch);
  const lazy = (make: () => Promise<SdkModel>) => loadOnFirstCall(provider, model, make, options.onLoad);
  if (provider === 'openai-compatible') {
    if (baseURL === undefined) {
      throw new UserError(
        'CONFIG_INVALID',
        'The openai-compatible provider needs the URL of the server: base-url is not set.',
        {
          hint: 'Set it with `git-ai config set base-url http://localhost:11434/v1` (Ollama; LM Studio uses http://localhost:1234/v1).',
        },
      );
    }
    return lazy(async () => {
      const { createOpenAI } = await import('@ai-sdk/openai');
      return createOpenAI({ name: 'openai-compatible', apiKey: apiKey ?? PLACEHOLDER_KEY, baseURL, fetch }).chat(model);
    });
  }
  if (apiKey === undefined)
    throw new UserError('PROVIDER_AUTH', `No API key is set for the ${provider} provider.`, {
      hint: apiKeyHint(provider),
    });
  if (provider === 'openai')
    return lazy(async () => (await import('@ai-sdk/openai')).createOpenAI({ apiKey, baseURL, fetch }).chat(model));
  if (provider === 'anthropic')
    return lazy(async () => (await import('@ai-sdk/anthropic')).createAnthropic({ apiKey, baseURL, fetch })(model));
  return lazy(async () => (await import('@ai-sdk/google')).createGoogleGenerativeAI({ apiKey, baseURL, fetch })(model));
}

/** The configured provider a model came from, read back from the SDK's provider id ('openai.chat', 'google.generative-ai'). */
export function providerOfModel(model: LanguageModel): { provider: Provider | undefined; modelId: string } {
  if (typeof model === 'string') return { provider: undefined, modelId: model };
  const id = model.provider.split('.')[0] ?? '';
  const provider: Provider | undefined =
    id === 'google' ? 'gemini' : id === 'openai' || id === 'openai-compatible' || id === 'anthropic' ? id : undefined;
  return { provider, modelId: model.modelId };
}
