// Run as a script (node --import tsx): one call through a provider thread that is never closed, then nothing. The
// process must end by itself: an idle provider thread does not hold it open. `idle` starts a thread and makes no call.
import { callText } from '../../src/providers/call.js';
import { createLanguageModel } from '../../src/providers/provider.js';
import { startProviderThread } from '../../src/providers/worker/client.js';

const [baseUrl, mode] = process.argv.slice(2);
const thread = startProviderThread({ provider: 'openai', env: process.env, preconnect: baseUrl });
if (mode !== 'idle') {
  const model = await createLanguageModel({ provider: 'openai', model: 'gpt-4o-mini', apiKey: 'k', baseUrl, thread });
  const answer = await callText({
    model,
    system: 'You write.',
    prompt: 'Write it.',
    answerName: 'answer',
    read: (text) => text,
    deadline: Date.now() + 30_000,
  });
  process.stdout.write(`${answer.value} (${thread.calls} call in the thread)\n`);
}
