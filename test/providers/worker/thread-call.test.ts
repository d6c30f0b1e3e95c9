// The call cases (../call-cases.ts) with the model of a real provider thread: every provider's wire protocol, the
// retries that read the provider's errors (status, Retry-After), the deadline, an abort, several completions in one
// request and streaming, each answered by the loopback server to the worker thread and re-hydrated here.
import { afterAll, expect } from 'vitest';
import { createLanguageModel, resolveSdkSettings, type LanguageModelOptions } from '../../../src/providers/provider.js';
import { startProviderThread, type ProviderThread } from '../../../src/providers/worker/client.js';
import { defineCallTests } from '../call-cases.js';

/** One thread per distinct settings (a thread makes one model), reused across the cases. */
const threads = new Map<string, ProviderThread>();

afterAll(async () => {
  // Each thread made the calls itself: none fell back to a model made in this thread.
  for (const thread of threads.values()) expect(thread.calls).toBeGreaterThan(0);
  await Promise.all([...threads.values()].map((thread) => thread.close()));
});

defineCallTests(async (options: LanguageModelOptions) => {
  resolveSdkSettings(options); // settings a model cannot be made of fail here, as createLanguageModel fails
  const key = JSON.stringify(options);
  let thread = threads.get(key);
  if (thread === undefined) {
    thread = startProviderThread({ provider: options.provider, env: process.env, preconnect: options.baseUrl });
    threads.set(key, thread);
  }
  return createLanguageModel({ ...options, thread });
});
