// One request, streamed (SSE on Chat Completions and Anthropic Messages, streamGenerateContent?alt=sse on Gemini):
// each partial answer as it grows (the JSON object parsed so far, or the text so far), then the whole answer,
// failing as the same request unstreamed would.
import type { streamText as StreamText } from 'ai';

type StreamArguments = Parameters<typeof StreamText>[0];

export interface StreamedAnswer {
  /** The validated object of a structured request; undefined for plain text. */
  output?: unknown;
  text: string;
  finishReason?: string;
  usage: unknown;
}

/**
 * streamText over `args`, with every partial answer given to `onPartial`: for a structured request (`structured`)
 * the partial object (unvalidated), else the text received so far. The SDK reports a failed request on the stream,
 * not as a rejection: the first such error is thrown here, so retries and messages see the provider's own error
 * (429, 401, a dropped connection) and not "no output generated".
 */
export async function streamAnswer(
  args: StreamArguments,
  structured: boolean,
  onPartial: (partial: unknown) => void,
): Promise<StreamedAnswer> {
  const { streamText } = await import('ai');
  let failure: { error: unknown } | undefined;
  const result = streamText({ ...args, onError: ({ error }) => void (failure ??= { error }) });
  if (structured) {
    for await (const partial of result.partialOutputStream) {
      if (failure !== undefined) break;
      onPartial(partial);
    }
  } else {
    let text = '';
    for await (const delta of result.textStream) {
      if (failure !== undefined) break;
      text += delta;
      onPartial(text);
    }
  }
  if (failure !== undefined) throw failure.error;
  // Validated with the schema; rejects as generateText's `output` does when the answer does not match it.
  const output: unknown = structured ? await result.output : undefined;
  return { output, text: await result.text, finishReason: await result.finishReason, usage: await result.totalUsage };
}
