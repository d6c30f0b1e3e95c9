// Which provider and operation a request addresses, from its method, path and headers.

import type { IncomingHttpHeaders } from 'node:http';
import type { ProviderAdapter, RequestContext } from './adapter.js';
import { anthropicAdapter } from './anthropic.js';
import { geminiAdapter } from './gemini.js';
import { openaiAdapter } from './openai.js';

export interface Route {
  adapter: ProviderAdapter;
  operation: 'generate' | 'list';
  context: RequestContext;
}

const GEMINI_GENERATE = /^\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
}

export function matchRoute(method: string, url: URL, headers: Record<string, string | undefined>): Route | undefined {
  const context: RequestContext = { headers, query: url.searchParams };
  const path = url.pathname.replace(/\/+$/, '');
  if (method === 'POST' && path === '/v1/chat/completions')
    return { adapter: openaiAdapter, operation: 'generate', context };
  if (method === 'POST' && path === '/v1/messages')
    return { adapter: anthropicAdapter, operation: 'generate', context };
  const gemini = GEMINI_GENERATE.exec(path);
  if (method === 'POST' && gemini !== null) {
    const pathModel = decodeURIComponent(gemini[1] ?? '');
    return {
      adapter: geminiAdapter,
      operation: 'generate',
      context: { ...context, pathModel, stream: gemini[2] === 'streamGenerateContent' },
    };
  }
  if (method === 'GET' && path === '/v1/models') {
    const isAnthropic = headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined;
    return { adapter: isAnthropic ? anthropicAdapter : openaiAdapter, operation: 'list', context };
  }
  if (method === 'GET' && path === '/v1beta/models') return { adapter: geminiAdapter, operation: 'list', context };
  return undefined;
}
