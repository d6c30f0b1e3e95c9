// The messages between the main thread and the provider thread: one call's options out, its answer, its streamed
// parts or its error back, each tagged with the call's id (several calls run at once: candidates, analyses).
import type { Provider } from '../../config/schema.js';
import type { ExchangeChoices } from '../exchange.js';
import type { ModelCallOptions, ProviderModel } from '../model-call.js';
import type { SdkSettings } from '../sdk-model.js';
import type { WireError } from './wire-error.js';

/** What the thread is started with (its workerData), before the config is read: what it can begin on. */
export interface ThreadSettings {
  /** The provider whose SDK package to load at once (the configure message may name another). */
  provider: Provider;
  /** Where proxy settings are read (HTTPS_PROXY, NO_PROXY). */
  env: Record<string, string | undefined>;
  /** The API root to connect to at once (DNS, TCP, TLS), before the SDK has loaded. */
  preconnect: string | undefined;
}

/** A call's options without its abort signal, which cannot be cloned: an abort is a message of its own. */
export type WireCallOptions = Omit<ModelCallOptions, 'abortSignal'>;

type GenerateResult = Awaited<ReturnType<ProviderModel['doGenerate']>>;
type StreamPart = Awaited<ReturnType<ProviderModel['doStream']>>['stream'] extends ReadableStream<infer P> ? P : never;

/** What a generate call answers across the threads (the raw request and response bodies stay behind). */
export type WireGenerateResult = Pick<GenerateResult, 'content' | 'finishReason' | 'usage' | 'warnings'> &
  Partial<Pick<GenerateResult, 'providerMetadata'>>;

export type ToThread =
  /** The model to make, once the config is read; every call waits for it. */
  | { type: 'configure'; sdk: SdkSettings; preconnect: string | undefined }
  | {
      type: 'call';
      id: number;
      mode: 'generate' | 'stream';
      options: WireCallOptions;
      /** Several completions in this one request (`n`, `candidateCount`); the raw answer comes back with the result. */
      choices?: ExchangeChoices;
    }
  | { type: 'abort'; id: number };

export type FromThread =
  /** The SDK has loaded and the model is made: no request was sent before this. */
  | { type: 'ready' }
  /** The model could not be made (the SDK did not load); nothing was sent. */
  | { type: 'failed'; error: WireError }
  | { type: 'answer'; id: number; result: WireGenerateResult; raw: string | undefined }
  /** A stream's response has begun (its headers came with 200). */
  | { type: 'opened'; id: number }
  | { type: 'part'; id: number; part: StreamPart }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; error: WireError };

export type { StreamPart };
