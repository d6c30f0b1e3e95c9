// The questions of an interactive commit, on @clack/prompts (loaded only when one is asked). Ctrl-C is told apart
// from Escape: clack reads the terminal in raw mode, where Ctrl-C is the byte 0x03, not a signal.
import type { Readable, Writable } from 'node:stream';

export type CommitDecision = 'commit' | 'edit' | 'regenerate' | 'instruct' | 'alternatives' | 'cancel';
/** What a question ended with besides an answer: Escape (cancel) or Ctrl-C (interrupt). */
export type Refusal = 'cancel' | 'interrupt';

export interface CommitPrompts {
  /** Shows the message about to be committed. */
  show(message: string, title: string): Promise<void>;
  decide(): Promise<CommitDecision | 'interrupt'>;
  /** An instruction for the next message ("shorter", "mention the migration"). */
  instruction(): Promise<string | Refusal>;
  /** Index of the message picked. */
  pick(messages: readonly string[]): Promise<number | Refusal>;
}

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

export function createCommitPrompts(streams: { input: Readable; output: Writable }): CommitPrompts {
  const clack = import('@clack/prompts');
  async function ask<T>(question: (prompts: Awaited<typeof clack>) => Promise<T | symbol>): Promise<T | Refusal> {
    const prompts = await clack;
    let interrupted = false;
    const watch = (chunk: Buffer | string) => {
      if (String(chunk).includes('\x03')) interrupted = true;
    };
    streams.input.on('data', watch);
    try {
      const answer = await question(prompts);
      if (interrupted) return 'interrupt';
      return prompts.isCancel(answer) ? 'cancel' : (answer as T);
    } finally {
      streams.input.off('data', watch);
    }
  }
  const io = { input: streams.input, output: streams.output };
  return {
    async show(message, title) {
      (await clack).note(message, title, { output: streams.output });
    },
    async decide() {
      const answer = await ask<CommitDecision>((prompts) =>
        prompts.select<CommitDecision>({
          ...io,
          message: 'Use this message?',
          options: [
            { value: 'commit', label: 'Commit' },
            { value: 'edit', label: 'Edit', hint: 'opens your editor' },
            { value: 'regenerate', label: 'Regenerate', hint: 'a new request' },
            { value: 'instruct', label: 'Regenerate with an instruction', hint: 'e.g. "shorter"' },
            { value: 'alternatives', label: 'Alternatives', hint: 'several messages to pick from' },
            { value: 'cancel', label: 'Cancel' },
          ],
        }),
      );
      return answer === 'interrupt' ? 'interrupt' : answer;
    },
    instruction() {
      return ask<string>((prompts) =>
        prompts.text({
          ...io,
          message: 'How should the message change?',
          placeholder: 'shorter; mention the migration',
          validate: (value) => (value?.trim() ? undefined : 'Type an instruction, or Escape to go back'),
        }),
      ).then((answer) => (answer === 'cancel' || answer === 'interrupt' ? answer : answer.trim()));
    },
    pick(messages) {
      return ask<number>((prompts) =>
        prompts.select<number>({
          ...io,
          message: 'Pick a message',
          options: messages.map((message, index) => ({
            value: index,
            label: firstLine(message),
            hint: message.includes('\n') ? 'with a body' : undefined,
          })),
        }),
      );
    },
  };
}
