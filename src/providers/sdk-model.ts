// The model for one provider, from settings already checked (provider.ts) and a fetch: the AI SDK's, with OpenAI's
// plain-text chat calls sent by git-ai itself (openai-chat.ts). What a call and `git ai prompt`'s capture both build,
// so that the request shown is the request sent.
import type { Provider } from '../config/schema.js';
import { guardEventStreams } from './event-stream-end.js';
import { useFetchHeaders } from './fetch-headers.js';
import type { ProviderModel } from './model-call.js';
import type { FetchFunction } from './transport.js';

/** What a provider's model is made of: no config, no defaults left to apply (see resolveSdkSettings). */
export interface SdkSettings {
  provider: Provider;
  modelId: string;
  apiKey: string | undefined;
  baseURL: string | undefined;
}

/** Each provider's API root when base-url is not set (where an early connection goes). */
export const DEFAULT_BASE_URLS: Readonly<Record<Provider, string | undefined>> = {
  openai: 'https://api.openai.com/v1',
  'openai-compatible': undefined,
  anthropic: 'https://api.anthropic.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
};

// Local servers (Ollama, LM Studio, llama.cpp) ignore the key, but the OpenAI client insists on sending one.
export const PLACEHOLDER_KEY = 'not-needed';

/**
 * Loads what a call to this provider needs first: for OpenAI and OpenAI-compatible servers git-ai's own Chat
 * Completions request (openai-chat.ts; the SDK loads at a call it does not make), unless the call streams; for the
 * others the SDK module (~1 MB of bundled JavaScript with zod's share).
 */
export function loadProviderSdk(provider: Provider, options: { stream?: boolean } = {}): Promise<unknown> {
  return provider === 'anthropic'
    ? import('@ai-sdk/anthropic')
    : provider === 'gemini'
      ? import('@ai-sdk/google')
      : options.stream
        ? import('@ai-sdk/openai')
        : import('./openai-chat.js');
}

/** The provider's model: the SDK's, but for OpenAI's chat, whose plain-text calls git-ai sends itself. */
export async function makeSdkModel(settings: SdkSettings, fetch: FetchFunction): Promise<ProviderModel> {
  if (settings.provider === 'openai' || settings.provider === 'openai-compatible') {
    const { openAIChatModel } = await import('./openai-chat.js');
    return openAIChatModel(settings, fetch, () => sdkModel(settings, fetch));
  }
  return sdkModel(settings, fetch);
}

/** The AI SDK's own model. */
export async function sdkModel(settings: SdkSettings, fetch: FetchFunction): Promise<ProviderModel> {
  // The SDK prints warnings (e.g. an unsupported setting) to the console; a commit message tool's stderr is not the place.
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
  // The SDK's header helpers use the global Headers: git-ai's own, unless Node's is loaded already (fetch-headers.ts).
  useFetchHeaders();
  const { provider, modelId, baseURL } = settings;
  fetch = guardEventStreams(fetch);
  if (provider === 'openai' || provider === 'openai-compatible') {
    const { createOpenAI } = await import('@ai-sdk/openai');
    return provider === 'openai'
      ? createOpenAI({ apiKey: settings.apiKey, baseURL, fetch }).chat(modelId)
      : createOpenAI({ name: provider, apiKey: settings.apiKey ?? PLACEHOLDER_KEY, baseURL, fetch }).chat(modelId);
  }
  if (provider === 'anthropic')
    return (await import('@ai-sdk/anthropic')).createAnthropic({ apiKey: settings.apiKey, baseURL, fetch })(modelId);
  return (await import('@ai-sdk/google')).createGoogleGenerativeAI({ apiKey: settings.apiKey, baseURL, fetch })(
    modelId,
  );
}
