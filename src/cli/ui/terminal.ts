// What the terminal allows: colour, a live spinner, questions. NO_COLOR, CI or no terminal give plain output.
export interface TerminalStreams {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean };
  stderr: { isTTY?: boolean };
}

export interface TerminalMode {
  /** A person can answer a question: stdin and stdout are terminals. */
  interactive: boolean;
  /** A spinner may redraw stderr: stderr is a terminal, and neither CI nor TERM=dumb says otherwise. */
  live: boolean;
  /** Colour and decoration are welcome (https://no-color.org). */
  color: boolean;
}

const isSet = (value: string | undefined): boolean =>
  value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

export function detectTerminal(streams: TerminalStreams, env: NodeJS.ProcessEnv): TerminalMode {
  const ci = isSet(env.CI);
  const dumb = env.TERM === 'dumb';
  const live = Boolean(streams.stderr.isTTY) && !ci && !dumb;
  return {
    interactive: Boolean(streams.stdin.isTTY && streams.stdout.isTTY),
    live,
    color: live && env.NO_COLOR === undefined,
  };
}
