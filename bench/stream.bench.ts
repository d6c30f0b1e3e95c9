// npm run bench:stream: on the loopback server with the latency model (400 ms + 30 ms per 1k input tokens +
// 8 ms per output token) and a 4k-token prompt, per provider: when the first header text of a streamed answer
// arrives, when the whole answer has, and the same request unstreamed; then three candidates in one request
// (`n`, `candidateCount`) against one candidate, with the input tokens billed.
import type { LanguageModelOptions } from '../src/providers/provider.js';
import { createLanguageModel } from '../src/providers/provider.js';
import { callText } from '../src/providers/call.js';
import { parsePlainCandidate } from '../src/engines/remote/plain-message.js';
import { startProviderServer } from '../test/support/provider-server.js';

const RUNS = 5;
const latency = { baseMs: 400, perInputKTokensMs: 30, perOutputTokenMs: 8 };
const body =
  'Reads each hunk header once and keeps only the counts, so a removed line that starts with two dashes is never\n' +
  'taken for a header; the parser streams batches of lines from git.';
let answered = 0;
const server = await startProviderServer({
  latency,
  respond: () => ({ text: `feat(diff): stream the unified diff parser ${answered++}\n\n${body}` }),
});
const prompt = 'x'.repeat(16_000); // 4,000 input tokens at the server's 4 characters a token
const providers: Record<string, LanguageModelOptions> = {
  openai: { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'k', baseUrl: server.baseUrls.openai },
  anthropic: { provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'k', baseUrl: server.baseUrls.anthropic },
  gemini: { provider: 'gemini', model: 'gemini-2.5-flash', apiKey: 'k', baseUrl: server.baseUrls.gemini },
};
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (value: number): string => `${value.toFixed(0)} ms`;
const call = (model: Awaited<ReturnType<typeof createLanguageModel>>, extra: object = {}) =>
  callText({
    model,
    system: 'You write commit messages.',
    prompt,
    answerName: 'commit message',
    read: parsePlainCandidate,
    deadline: Date.now() + 20_000,
    ...extra,
  });

console.log(`medians of ${RUNS}`);
for (const [name, settings] of Object.entries(providers)) {
  const model = await createLanguageModel(settings);
  const first: number[] = [];
  const streamed: number[] = [];
  const plain: number[] = [];
  const several: number[] = [];
  let billed = 0;
  for (let run = 0; run < RUNS; run += 1) {
    let firstAt: number | undefined;
    const started = performance.now();
    await call(model, {
      onPartial: (partial: unknown) => {
        if (firstAt === undefined && typeof partial === 'string' && partial !== '')
          firstAt = performance.now() - started;
      },
    });
    streamed.push(performance.now() - started);
    first.push(firstAt ?? Number.NaN);
    const plainStarted = performance.now();
    await call(model);
    plain.push(performance.now() - plainStarted);
    if (name === 'anthropic') continue; // no n: three candidates are three requests there
    const severalStarted = performance.now();
    billed = (await call(model, { completions: 3 })).usage.inputTokens;
    several.push(performance.now() - severalStarted);
  }
  const n = several.length > 0 ? `, 3 candidates in one request ${ms(median(several))} (${billed} input tokens)` : '';
  console.log(
    `${name}: first header text ${ms(median(first))}, streamed answer ${ms(median(streamed))}, unstreamed ${ms(median(plain))}${n}`,
  );
}
await server.close();
