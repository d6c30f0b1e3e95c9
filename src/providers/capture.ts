// The request a provider would receive for one call (structured, or plain text without a schema), built by the very
// code path that sends it (the provider model, git-ai's call options and fetch), and kept in the process: `git ai
// prompt` shows an OpenAI, an Anthropic Messages or a Gemini body as the configured provider gets it. Nothing is sent.
import type { LanguageModel } from 'ai';
import type * as z from 'zod';
import { generateAnswer, modelCallOptions } from './model-call.js';
import { hookedFetch, withExchange, type OutgoingRequest } from './exchange.js';
import { resolveSdkSettings, type LanguageModelOptions } from './provider.js';
import { makeSdkModel } from './sdk-model.js';

/** Thrown by the capturing fetch so that the provider model goes no further. */
class Captured extends Error {
  override readonly name = 'Captured';
}

/** Under the exchange's hook, which stops every request here, the capture's model never reaches its own fetch. */
const sendsNothing = (): Promise<Response> => Promise.reject(new Error('the capture sends nothing'));

/**
 * The provider's SDK model as a call makes it (providers/sdk-model.ts), over a fetch that sends nothing: the capture
 * needs no transport, so `git ai prompt` loads neither node:http nor the proxy settings.
 */
export function captureModel(options: LanguageModelOptions): Promise<LanguageModel> {
  return makeSdkModel(resolveSdkSettings(options), hookedFetch(sendsNothing));
}

export async function captureRequest(options: {
  model: LanguageModel;
  system: string;
  prompt: string;
  /** The answer's schema; none when the answer is asked for as plain text. */
  schema?: z.ZodType;
  schemaName?: string;
  /** The configured window (`context-window`), if any: it bounds a reasoning model's output as a call's does. */
  contextWindow?: number;
}): Promise<OutgoingRequest> {
  let captured: OutgoingRequest | undefined;
  const intercept = (request: OutgoingRequest): never => {
    captured = request;
    throw new Captured('captured, not sent');
  };
  try {
    await withExchange({ intercept }, () => generateAnswer(options.model, modelCallOptions(options)));
  } catch (error) {
    if (captured === undefined) throw error;
  }
  if (captured === undefined) throw new Error('the provider model made no request');
  return captured;
}
