// The provider thread: the one owner of the provider's connection and of the AI SDK in a run that calls a provider.
// It opens the connection and loads the SDK (~1 MB of JavaScript with zod, and Node's undici for the SDK's
// `Headers`/`Response`: ~0.1 s of CPU on Node 20) while the main thread reads the config, runs git and prepares the
// prompt on the other core; then it makes each call the main thread posts (protocol.ts) through the SDK model's own
// doGenerate / doStream, over git-ai's transport, and posts back the answer, the stream's parts or the error.
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { createTransport } from '../transport.js';
import { hookedFetch, withExchange, type ExchangeHooks } from '../exchange.js';
import type { ModelCallOptions, ProviderModel } from '../model-call.js';
import type { FromThread, ThreadSettings, ToThread } from './protocol.js';
import { toWireError } from './wire-error.js';

// Node >= 22.1: the SDK's chunks are read from the same on-disk compile cache as the main thread's (src/cli/entry.ts).
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const port = parentPort;
if (port === null) throw new Error('provider-worker runs as a worker thread');
const settings = workerData as ThreadSettings;
const post = (message: FromThread): void => port.postMessage(message);

const transport = createTransport(settings.env);
if (settings.preconnect !== undefined) transport.preconnect(settings.preconnect);
// After the connection has started: its DNS, TCP and TLS go on while the SDK compiles.
const sdk = import('../sdk-model.js');
void sdk.then(({ loadProviderSdk }) => loadProviderSdk(settings.provider)).catch(() => undefined);

let configured!: (message: Extract<ToThread, { type: 'configure' }>) => void;
const made: Promise<ProviderModel> = new Promise<Extract<ToThread, { type: 'configure' }>>(
  (resolve) => (configured = resolve),
).then(async (message) => {
  if (message.preconnect !== undefined) transport.preconnect(message.preconnect); // none twice for one origin
  return (await sdk).makeSdkModel(message.sdk, hookedFetch(transport.fetch));
});
made.then(
  () => post({ type: 'ready' }),
  (error: unknown) => post({ type: 'failed', error: toWireError(error) }),
);

const running = new Map<number, AbortController>();

async function call(message: Extract<ToThread, { type: 'call' }>): Promise<void> {
  const { id } = message;
  const controller = new AbortController();
  running.set(id, controller);
  let raw: string | undefined;
  const hooks: ExchangeHooks | undefined =
    message.choices === undefined ? undefined : { choices: message.choices, answered: (text) => (raw = text) };
  const options: ModelCallOptions = { ...message.options, abortSignal: controller.signal };
  try {
    const model = await made;
    if (message.mode === 'generate') {
      const send = async () => model.doGenerate(options);
      const result = await (hooks === undefined ? send() : withExchange(hooks, send));
      const { content, finishReason, usage, warnings, providerMetadata } = result;
      post({ type: 'answer', id, result: { content, finishReason, usage, warnings, providerMetadata }, raw });
      return;
    }
    const { stream } = await model.doStream(options);
    post({ type: 'opened', id });
    const reader = stream.getReader();
    for (;;) {
      if (controller.signal.aborted) {
        await reader.cancel().catch(() => undefined);
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      // A part that carries an error is sent as the error itself: the main thread re-throws it as the provider's.
      if (value.type === 'error') post({ type: 'error', id, error: toWireError(value.error) });
      else if (value.type !== 'raw') post({ type: 'part', id, part: value });
      if (value.type === 'error') return;
    }
    post({ type: 'end', id });
  } catch (error) {
    if (!controller.signal.aborted) post({ type: 'error', id, error: toWireError(error) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToThread) => {
  if (message.type === 'configure') configured(message);
  else if (message.type === 'call') void call(message);
  else running.get(message.id)?.abort();
});
