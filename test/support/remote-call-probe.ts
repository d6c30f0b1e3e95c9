// Run as a script (node --import tsx) in a fresh process: one call to each provider of the loopback server at
// `url`, unstreamed then streamed, then one line of JSON: the answers, whether Node's undici was loaded, and whether
// the global Headers the SDK used is git-ai's own. `loaded` first loads undici, as another part of a process could.
import { callText } from '../../src/providers/call.js';
import { FetchHeaders, nodeUndiciLoaded } from '../../src/providers/fetch-headers.js';
import { createLanguageModel } from '../../src/providers/provider.js';

const [url, mode] = process.argv.slice(2);
if (mode === 'loaded') new Response('');
const roots = {
  openai: `${url}/v1`,
  'openai-compatible': `${url}/v1`,
  anthropic: `${url}/v1`,
  gemini: `${url}/v1beta`,
};
const answers: string[] = [];
for (const [provider, baseUrl] of Object.entries(roots) as [keyof typeof roots, string][]) {
  const model = await createLanguageModel({ provider, model: 'm', apiKey: 'k', baseUrl });
  for (const streamed of [false, true]) {
    const result = await callText({
      model,
      system: 'You write.',
      prompt: 'Write it.',
      answerName: 'answer',
      read: (text) => text,
      deadline: Date.now() + 30_000,
      ...(streamed ? { onPartial: () => undefined } : {}),
    });
    answers.push(`${provider}${streamed ? ' streamed' : ''}: ${result.value}`);
  }
}
const undici = nodeUndiciLoaded();
process.stdout.write(`${JSON.stringify({ answers, undici, ownHeaders: globalThis.Headers === FetchHeaders })}\n`);
