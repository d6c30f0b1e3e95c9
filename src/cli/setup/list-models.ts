// The models a provider serves, from its own models endpoint (OpenAI and compatible servers, Anthropic, Gemini).
import type { Provider } from '../../config/schema.js';

/** Where each provider answers when no base-url is set. */
export const DEFAULT_BASE_URLS: Readonly<Record<Exclude<Provider, 'openai-compatible'>, string>> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
};

function headersFor(provider: Provider, apiKey: string | undefined): Record<string, string> {
  if (!apiKey) return {};
  if (provider === 'anthropic') return { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' };
  if (provider === 'gemini') return { 'x-goog-api-key': apiKey };
  return { authorization: `Bearer ${apiKey}` };
}

/** Model ids, sorted; undefined when the endpoint is missing or refuses (the caller asks for a name instead). */
export async function listModels(options: {
  provider: Provider;
  baseUrl: string;
  apiKey?: string;
  signal?: AbortSignal;
}): Promise<string[] | undefined> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/models`;
  try {
    const response = await fetch(url, {
      headers: headersFor(options.provider, options.apiKey),
      signal: options.signal ?? AbortSignal.timeout(10_000),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as {
      data?: Array<{ id?: unknown }>;
      models?: Array<{ name?: unknown; supportedGenerationMethods?: unknown }>;
    };
    const ids =
      options.provider === 'gemini'
        ? (body.models ?? [])
            .filter(
              (model) =>
                !Array.isArray(model.supportedGenerationMethods) ||
                model.supportedGenerationMethods.includes('generateContent'),
            )
            .map((model) => String(model.name ?? '').replace(/^models\//, ''))
        : (body.data ?? []).map((model) => String(model.id ?? ''));
    const names = ids.filter((id) => id !== '');
    return names.length > 0 ? [...new Set(names)].sort() : undefined;
  } catch {
    return undefined;
  }
}
