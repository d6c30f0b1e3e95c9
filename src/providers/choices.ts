// Several completions of one request, decoded side by side and billed for the input once: `n` on Chat Completions
// (OpenAI and OpenAI-compatible servers), `generationConfig.candidateCount` on Gemini. The AI SDK sends neither and
// reads only the first choice, so the body is reshaped on its way out and every choice is read from the raw answer
// (src/providers/exchange.ts). Anthropic has no such parameter: its candidates are concurrent requests.
import type { Provider } from '../config/schema.js';

/** Whether one request can carry several completions for this provider. */
export function hasNativeChoices(provider: Provider | undefined): boolean {
  return provider === 'openai' || provider === 'openai-compatible' || provider === 'gemini';
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The request body asking for `count` completions. */
export function askForChoices(
  provider: Provider | undefined,
  body: Record<string, unknown>,
  count: number,
): Record<string, unknown> {
  if (provider === 'gemini')
    return { ...body, generationConfig: { ...record(body.generationConfig), candidateCount: count } };
  return { ...body, n: count };
}

/** The text of a choice: its content, else a forced tool call's arguments. */
function chatChoiceText(choice: unknown): string | undefined {
  const message = record(record(choice).message);
  if (typeof message.content === 'string' && message.content !== '') return message.content;
  const call = record(record(list(message.tool_calls)[0]).function);
  return typeof call.arguments === 'string' ? call.arguments : undefined;
}

/** The text of a Gemini candidate: its text parts joined, else a function call's arguments as JSON. */
function geminiCandidateText(candidate: unknown): string | undefined {
  const parts = list(record(record(candidate).content).parts).map(record);
  const text = parts.flatMap((part) => (typeof part.text === 'string' && part.thought !== true ? [part.text] : []));
  if (text.length > 0) return text.join('');
  const call = parts.find((part) => part.functionCall !== undefined);
  return call === undefined ? undefined : JSON.stringify(record(call.functionCall).args ?? {});
}

/** Every choice's answer text in a raw response body, in the provider's order (undefined for one without text). */
export function readChoices(provider: Provider | undefined, responseText: string): (string | undefined)[] {
  let body: Record<string, unknown>;
  try {
    body = record(JSON.parse(responseText));
  } catch {
    return [];
  }
  if (provider === 'gemini') return list(body.candidates).map(geminiCandidateText);
  return list(body.choices).map(chatChoiceText);
}

/** The choices after the `skip` first in a raw response body that `read` can read, read by it, in order. */
export function parseChoices<T>(
  provider: Provider | undefined,
  responseText: string,
  read: (text: string) => T | undefined,
  skip = 0,
): T[] {
  return readChoices(provider, responseText)
    .slice(skip)
    .flatMap((text) => {
      const value = text === undefined ? undefined : read(text);
      return value === undefined ? [] : [value];
    });
}
