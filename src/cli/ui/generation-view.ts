// What a live terminal shows while a message is written: a spinner with the phase and the elapsed time, then the
// message itself as the provider streams it; all of it erased once the message is complete (it is shown again whole).
import type { Writable } from 'node:stream';
import type { ProgressListener } from '../../pipeline/progress.js';
import { sanitizeText } from '../../security/sanitize.js';
import { describePhase, startSpinner } from './spinner.js';

export interface GenerationView {
  listener: ProgressListener;
  stop(): void;
}

/** Rows `text` takes on a terminal `columns` wide. */
function rowsOf(text: string, columns: number): number {
  return text.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil([...line].length / columns)), 0);
}

export function startGenerationView(options: { stream: Writable & { columns?: number } }): GenerationView {
  const spinner = startSpinner({ stream: options.stream, label: 'reading the diff' });
  let streamed = '';
  /** Back to the first streamed row, then erase to the end of the screen. */
  const erase = () => {
    if (streamed === '') return;
    const rows = rowsOf(streamed, options.stream.columns ?? 80);
    options.stream.write(`\r${rows > 1 ? `\x1b[${rows - 1}F` : ''}\x1b[J`);
    streamed = '';
  };
  return {
    listener(event) {
      if (event.type === 'phase') {
        if (streamed === '') spinner.update(describePhase(event));
        return;
      }
      if (event.candidate !== undefined && event.candidate > 0) return; // the first candidate is the one shown
      const delta = sanitizeText(event.delta);
      if (event.restart) erase();
      if (delta === '') return;
      if (streamed === '') spinner.stop();
      streamed += delta;
      options.stream.write(delta);
    },
    stop() {
      spinner.stop();
      erase();
    },
  };
}
