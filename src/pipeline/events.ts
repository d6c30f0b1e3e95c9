// What stepped in after a failure, and why (progress events, for a spinner and streamed text, are in progress.ts).

/** What stepped in after a failure, and why, in words (also printed as one `git-ai: …` line on stderr). */
export interface Fallback {
  /** The stage that failed: a remote stage, or 'remote' when no remote stage could run. */
  from: string;
  /** What wrote the message instead: 'single-step' or 'local'. */
  to: string;
  reason: string;
  line: string;
}
