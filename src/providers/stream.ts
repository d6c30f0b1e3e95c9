// One structured request, streamed (SSE on Chat Completions and Anthropic Messages, streamGenerateContent?alt=sse on
// Gemini): each partial object as it grows, then the validated object, failing as the same request unstreamed would.
import type { streamText as StreamText } from 'ai';

type StreamArguments = Parameters<typeof StreamText>[0];

export interface StreamedAnswer {
  output: unknown;
  usage: unknown;
}

/**
 * streamText over `args`, with every partial object (the JSON parsed so far, unvalidated) given to `onPartial`. The
 * SDK reports a failed request on the stream, not as a rejection: the first such error is thrown here, so retries
 * and messages see the provider's own error (429, 401, a dropped connection) and not "no output generated".
 */
export async function streamStructured(
  args: StreamArguments,
  onPartial: (partial: unknown) => void,
): Promise<StreamedAnswer> {
  const { streamText } = await import('ai');
  let failure: { error: unknown } | undefined;
  const result = streamText({ ...args, onError: ({ error }) => void (failure ??= { error }) });
  for await (const partial of result.partialOutputStream) {
    if (failure !== undefined) break;
    onPartial(partial);
  }
  if (failure !== undefined) throw failure.error;
  // Validated with the schema; rejects as generateText's `output` does when the answer does not match it.
  const output: unknown = await result.output;
  return { output, usage: await result.totalUsage };
}
