// The SDK model for the configured provider; the SDK packages are imported only when a remote call is about to be made.
import type { LanguageModel } from 'ai';
import type { Provider } from '../config/schema.js';
import { vendorVariables } from '../config/load.js';
import { envVarOf } from '../config/keys.js';
import { UserError } from '../errors.js';
import type { ProviderModel } from './model-call.js';
import { DEFAULT_BASE_URLS, loadProviderSdk, type SdkSettings } from './sdk-model.js';

export { DEFAULT_BASE_URLS } from './sdk-model.js';
import type { FetchFunction, Transport } from './transport.js';

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

/** The provider a config names; OpenAI when it names none. */
export function resolveProvider(config: { provider?: Provider | undefined }): Provider {
  return config.provider ?? 'openai';
}

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

let transport: Promise<Transport> | undefined;

/** The process's one transport (node:http(s), keep-alive, proxies), made on first use (node:https loads with it). */
function sharedTransport(env: NodeJS.ProcessEnv = process.env): Promise<Transport> {
  transport ??= import('./transport.js').then(({ createTransport }) => createTransport(env));
  return transport;
}

/** The API root an early connection goes to: base-url, else the provider's own. */
function apiRoot(provider: Provider, baseUrl: string | undefined): string | undefined {
  return blankToUndefined(baseUrl) ?? DEFAULT_BASE_URLS[provider];
}

/** Opens the connection to the provider now (DNS, TCP, TLS), so that the first request finds it ready. */
export function preconnectProvider(options: { provider: Provider; baseUrl?: string; env?: NodeJS.ProcessEnv }): void {
  const url = apiRoot(options.provider, options.baseUrl);
  if (url !== undefined) void sharedTransport(options.env).then((made) => made.preconnect(url));
}

/**
 * Starts loading what the first call to this provider needs (sdk-model.ts), so that it loads while git is still busy.
 * Calls go through the provider model itself (providers/model-call.ts): the `ai` core package is not needed.
 */
export const preloadProviderSdk = loadProviderSdk;

/** The SDK's name for each provider's models (`model.provider`), known before the SDK loads. */
const SDK_PROVIDER_IDS: Readonly<Record<Provider, string>> = {
  openai: 'openai.chat',
  'openai-compatible': 'openai-compatible.chat',
  anthropic: 'anthropic.messages',
  gemini: 'google.generative-ai',
};

/** What the SDK model is made of, checked: a UserError for a missing key, model or (openai-compatible) base-url. */
export function resolveSdkSettings(options: LanguageModelOptions): SdkSettings {
  const { provider } = options;
  const modelId = resolveModel(provider, options.model);
  const apiKey = blankToUndefined(options.apiKey);
  const baseURL = blankToUndefined(options.baseUrl);
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
  } else if (apiKey === undefined)
    throw new UserError('PROVIDER_AUTH', `No API key is set for the ${provider} provider.`, {
      hint: apiKeyHint(provider),
    });
  return { provider, modelId, apiKey, baseURL };
}

/** The SDK model made in this thread, over the shared transport and the call's exchange hooks. */
async function inProcessModel(
  settings: SdkSettings,
  env: NodeJS.ProcessEnv | undefined,
  onSent: (() => void) | undefined,
): Promise<ProviderModel> {
  const [{ makeSdkModel }, { hookedFetch }, made] = await Promise.all([
    import('./sdk-model.js'),
    import('./exchange.js'),
    sharedTransport(env),
  ]);
  // Through the call's exchange hooks (several choices in one request; `git ai prompt`'s capture).
  return makeSdkModel(settings, hookedFetch(tellFirstSend(made.fetch, onSent)));
}

/**
 * `fetch`, calling `onSent` once, after its first request has left: in the check phase after the transport was
 * called, by when a connected socket (the early connection) has taken the request's bytes.
 */
function tellFirstSend(fetch: FetchFunction, onSent: (() => void) | undefined): FetchFunction {
  if (onSent === undefined) return fetch;
  let told = false;
  return (input, init) => {
    const answer = fetch(input, init);
    if (!told) {
      told = true;
      setImmediate(onSent);
    }
    return answer;
  };
}

/**
 * A model whose SDK loads at its first request: a run the cache answers never loads the AI SDK (~1.3 MB of bundled
 * JavaScript, 100-150 ms of a warm run). It names its provider and model as the SDK's own model does.
 */
function loadOnFirstCall(
  provider: Provider,
  modelId: string,
  make: () => Promise<ProviderModel>,
  onLoad?: (loading: Promise<unknown>) => void,
): ProviderModel {
  let made: Promise<ProviderModel> | undefined;
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
    /** Called once the model's first request is sent: work the request does not need can start then. */
    onSent?: () => void;
  },
): Promise<LanguageModel> {
  const settings = resolveSdkSettings(options);
  return loadOnFirstCall(
    settings.provider,
    settings.modelId,
    () => inProcessModel(settings, options.env, options.onSent),
    options.onLoad,
  );
}

/** The configured provider a model came from, read back from the SDK's provider id ('openai.chat', 'google.generative-ai'). */
export function providerOfModel(model: LanguageModel): { provider: Provider | undefined; modelId: string } {
  if (typeof model === 'string') return { provider: undefined, modelId: model };
  const id = model.provider.split('.')[0] ?? '';
  const provider: Provider | undefined =
    id === 'google' ? 'gemini' : id === 'openai' || id === 'openai-compatible' || id === 'anthropic' ? id : undefined;
  return { provider, modelId: model.modelId };
}
