// A one-line spinner on a terminal's stderr: the live phase and the elapsed time, redrawn in place and erased at the end.
import type { Writable } from 'node:stream';
import type { ProgressEvent, ProgressListener } from '../../pipeline/progress.js';

export interface Spinner {
  /** Replaces the label (the phase). */
  update(label: string): void;
  /** Erases the line and stops redrawing; safe to call twice. */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

export function startSpinner(options: {
  stream: Writable;
  label: string;
  now?: () => number;
  intervalMs?: number;
}): Spinner {
  const now = options.now ?? Date.now;
  const started = now();
  let label = options.label;
  let frame = 0;
  let stopped = false;
  const draw = () => {
    const seconds = ((now() - started) / 1000).toFixed(1);
    options.stream.write(`${CLEAR_LINE}${FRAMES[frame++ % FRAMES.length]} ${label} ${seconds}s`);
  };
  draw();
  const timer = setInterval(draw, options.intervalMs ?? 80);
  timer.unref();
  return {
    update(next) {
      label = next;
      if (!stopped) draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      options.stream.write(CLEAR_LINE);
    },
  };
}

/** The words for a phase event: `reading the diff`, `analysing 3/8 files, 2 from the cache`, `writing the message`. */
export function describePhase(event: Extract<ProgressEvent, { type: 'phase' }>): string {
  if (event.phase === 'reading') return 'reading the diff';
  if (event.phase === 'writing')
    return event.total
      ? `writing the message (${event.total} file${event.total === 1 ? '' : 's'})`
      : 'writing the message';
  const counts = event.total === undefined ? '' : ` ${event.done ?? 0}/${event.total} files`;
  const cached = event.cacheHits ? `, ${event.cacheHits} from the cache` : '';
  return `analysing${counts}${cached}`;
}

/** A spinner that follows a generation's phase events (streamed text is not shown: the hook's editor shows the message). */
export function followProgress(options: { stream: Writable; prefix: string }): {
  listener: ProgressListener;
  stop(): void;
} {
  const spinner = startSpinner({ stream: options.stream, label: `${options.prefix}writing the commit message` });
  return {
    listener: (event) => {
      if (event.type === 'phase') spinner.update(`${options.prefix}${describePhase(event)}`);
    },
    stop: () => spinner.stop(),
  };
}
