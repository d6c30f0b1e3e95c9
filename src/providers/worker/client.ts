// The main thread's side of the provider thread (provider-worker.ts): started as soon as a run knows it will call a
// provider, it gives a model that names its provider and model as the SDK's does and whose doGenerate / doStream
// post the call's options to the thread and resolve with its answer, its stream or its error, re-hydrated so that
// the retry, the limiter, the fallback chain and its warning lines read them as the SDK's own. An abort (the
// deadline's too) is posted to the thread, and the call rejects at once with the signal's reason, as fetch does.
// The thread holds the process open only while a call is in flight. A thread that cannot start, or stops before
// its SDK has loaded, has sent nothing: its calls, and every later one, are made in this thread instead.
import { Worker } from 'node:worker_threads';
import { providerThreadEnv } from '../extra-ca.js';
import { currentExchange } from '../exchange.js';
import type { ModelCallOptions, ProviderModel } from '../model-call.js';
import type { Provider } from '../../config/schema.js';
import type { SdkSettings } from '../sdk-model.js';
import type { FromThread, StreamPart, ThreadSettings, ToThread, WireCallOptions } from './protocol.js';
import { fromWireError } from './wire-error.js';
import { resolveWorkerEntry } from '../../pool/worker-entry.js';

type GenerateResult = Awaited<ReturnType<ProviderModel['doGenerate']>>;
type StreamResult = Awaited<ReturnType<ProviderModel['doStream']>>;

export interface ProviderThread {
  /** The provider whose SDK the thread began loading when it started. */
  readonly provider: Provider;
  /**
   * A model for these settings whose calls the thread makes: the first settings given are the thread's (posted to
   * it); undefined for any other (a thread makes one model). `inProcess` makes the same model in this thread, for
   * when the provider thread cannot serve.
   */
  model(options: {
    sdk: SdkSettings;
    /** The SDK's name for the model's provider (`openai.chat`). */
    sdkProviderId: string;
    /** The configured API root, connected to now if the thread's first guess was another. */
    preconnect: string | undefined;
    inProcess: () => Promise<ProviderModel>;
  }): ProviderModel | undefined;
  /** How many calls were posted to the thread (not made in this thread instead). */
  readonly calls: number;
  /** Resolves when the thread's model is made (or its calls have moved to this thread). */
  readonly ready: Promise<void>;
  /** Ends the thread (calls still in flight reject); the process exits without it anyway. */
  close(): Promise<void>;
}

/**
 * Under tsx/vitest the thread runs provider-worker.ts: `--import tsx` in a worker's execArgv does not reach the
 * worker's own entry on Node 20, so the worker registers tsx's loader itself, then imports it.
 */
function fromSources(filename: string): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => (tsx.register ?? tsx.default.register)()).then(() => import(${JSON.stringify(filename)}));`;
}

interface PendingCall {
  /** Runs the call in this thread instead (the thread stopped before it sent anything). */
  inProcess: () => void;
  /** One of the thread's messages for this call; true when it was the last. */
  onReply: (message: FromThread) => boolean;
  onError: (error: unknown) => void;
}

export function startProviderThread(options: {
  /** The provider whose SDK to load at once. */
  provider: Provider;
  env: NodeJS.ProcessEnv;
  /** The API root to connect to at once. */
  preconnect: string | undefined;
}): ProviderThread {
  const workerData: ThreadSettings = {
    provider: options.provider,
    env: { ...options.env },
    preconnect: options.preconnect,
  };
  const entry = resolveWorkerEntry(import.meta.url, 'provider-worker');
  const pending = new Map<number, PendingCall>();
  let nextId = 1;
  let calls = 0;
  let state: 'starting' | 'ready' | 'stopped' = 'starting';
  let served: { sdk: SdkSettings; model: ProviderModel; inProcess: () => Promise<ProviderModel> } | undefined;
  let localModel: Promise<ProviderModel> | undefined;
  const local = () => {
    if (served === undefined) return Promise.reject(new Error('the provider thread has no model'));
    localModel ??= served.inProcess();
    return localModel;
  };
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  let worker: Worker | undefined;
  try {
    worker =
      entry.execArgv === undefined
        ? new Worker(new URL(entry.filename), { workerData, env: providerThreadEnv(process.env) })
        : new Worker(fromSources(entry.filename), { eval: true, workerData, env: providerThreadEnv(process.env) });
  } catch {
    state = 'stopped';
    markReady();
  }

  /** Every call not yet answered moves to this thread (nothing was sent) or fails with `error` (it may have been). */
  const stop = (error: Error | undefined): void => {
    const wasReady = state === 'ready';
    state = 'stopped';
    markReady();
    for (const call of [...pending.values()]) {
      if (!wasReady) call.inProcess();
      else call.onError(error ?? new Error('the provider thread stopped'));
    }
    pending.clear();
  };
  worker?.on('message', (message: FromThread) => {
    if (message.type === 'ready') {
      state = 'ready';
      markReady();
    } else if (message.type === 'failed') {
      void worker?.terminate();
      stop(undefined);
    } else pending.get(message.id)?.onReply(message);
  });
  worker?.on('error', (error) => stop(error));
  worker?.on('exit', () => stop(undefined));
  // Idle, it must not keep the process alive (a run the cache answered, or one that is done); after the listeners,
  // since adding a 'message' listener refs the thread again.
  worker?.unref();

  const track = (id: number, call: PendingCall): void => {
    if (pending.size === 0) worker?.ref();
    pending.set(id, call);
  };
  const untrack = (id: number): boolean => {
    const had = pending.delete(id);
    if (had && pending.size === 0) worker?.unref();
    return had;
  };

  /** Whether this call goes to the thread: not a capture (`git ai prompt` keeps it here), not once it has stopped. */
  const serving = (): boolean =>
    state !== 'stopped' && worker !== undefined && currentExchange()?.intercept === undefined;

  /**
   * Posts one call; `call` gets the thread's messages for it until one is its last, or its error. An abort fails it
   * at once with the signal's reason and tells the thread to stop the request. Returns the call's own abort.
   */
  function send(mode: 'generate' | 'stream', options: ModelCallOptions, call: PendingCall): () => void {
    const { abortSignal: signal, ...rest } = options;
    const choices = currentExchange()?.choices;
    const id = nextId++;
    calls += 1;
    const finish = (): boolean => {
      signal?.removeEventListener('abort', onAbort);
      return untrack(id);
    };
    const abort = (): void => {
      if (finish()) worker?.postMessage({ type: 'abort', id } satisfies ToThread);
    };
    const onAbort = (): void => {
      abort();
      call.onError(signal?.reason);
    };
    if (signal?.aborted) {
      call.onError(signal.reason);
      return abort;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    track(id, {
      inProcess: () => {
        finish();
        call.inProcess();
      },
      onReply: (reply) => {
        if (reply.type === 'error') {
          finish();
          call.onError(fromWireError(reply.error));
          return true;
        }
        const last = call.onReply(reply);
        if (last) finish();
        return last;
      },
      onError: (error) => {
        finish();
        call.onError(error);
      },
    });
    const message: ToThread = {
      type: 'call',
      id,
      mode,
      options: rest satisfies WireCallOptions,
      ...(choices !== undefined ? { choices } : {}),
    };
    worker?.postMessage(message);
    return abort;
  }

  const doGenerate = (options: ModelCallOptions): Promise<GenerateResult> => {
    const inProcess = async () => (await local()).doGenerate(options);
    if (!serving()) return inProcess();
    const answered = currentExchange()?.answered;
    return new Promise<GenerateResult>((resolve, reject) => {
      send('generate', options, {
        inProcess: () => void inProcess().then(resolve, reject),
        onReply: (reply) => {
          if (reply.type !== 'answer') return false;
          if (reply.raw !== undefined) answered?.(reply.raw);
          resolve(reply.result as GenerateResult);
          return true;
        },
        onError: reject,
      });
    });
  };

  const doStream = (options: ModelCallOptions): Promise<StreamResult> => {
    const inProcess = async () => (await local()).doStream(options);
    if (!serving()) return inProcess();
    return new Promise<StreamResult>((resolve, reject) => {
      let opened = false;
      let abort = (): void => undefined;
      let controller!: ReadableStreamDefaultController<StreamPart>;
      const stream = new ReadableStream<StreamPart>({
        start: (control) => void (controller = control),
        cancel: () => abort(),
      });
      abort = send('stream', options, {
        inProcess: () => void inProcess().then(resolve, reject),
        onReply: (reply) => {
          if (reply.type === 'opened') {
            opened = true;
            resolve({ stream });
          } else if (reply.type === 'part') controller.enqueue(reply.part);
          else if (reply.type === 'end') {
            controller.close();
            return true;
          }
          return false;
        },
        // Once the stream has begun, a failure (the provider's error event, a dropped connection) is the stream's.
        onError: (error) => (opened ? controller.error(error) : reject(error)),
      });
    });
  };

  const sameSettings = (a: SdkSettings, b: SdkSettings): boolean =>
    a.provider === b.provider && a.modelId === b.modelId && a.apiKey === b.apiKey && a.baseURL === b.baseURL;

  return {
    provider: options.provider,
    ready,
    get calls() {
      return calls;
    },
    model: ({ sdk, sdkProviderId, preconnect, inProcess }) => {
      if (served !== undefined) return sameSettings(served.sdk, sdk) ? served.model : undefined;
      const model: ProviderModel = {
        specificationVersion: 'v3',
        provider: sdkProviderId,
        modelId: sdk.modelId,
        supportedUrls: {},
        doGenerate,
        doStream,
      };
      served = { sdk, model, inProcess };
      worker?.postMessage({ type: 'configure', sdk, preconnect } satisfies ToThread);
      return model;
    },
    close: async () => {
      await worker?.terminate();
    },
  };
}
