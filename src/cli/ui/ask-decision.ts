// Interactive pieces of the terminal UI; @clack/prompts is loaded only when a question is actually asked.
export type CommitDecision = 'commit' | 'edit' | 'cancel';

export type AskDecision = (message: string) => Promise<CommitDecision>;

export const askCommitDecision: AskDecision = async (message) => {
  const { select, isCancel, note } = await import('@clack/prompts');
  note(message, 'Commit message');
  const answer = await select<CommitDecision>({
    message: 'Use this message?',
    options: [
      { value: 'commit', label: 'Commit' },
      { value: 'edit', label: 'Edit', hint: 'opens your editor' },
      { value: 'cancel', label: 'Cancel' },
    ],
  });
  return isCancel(answer) ? 'cancel' : answer;
};
