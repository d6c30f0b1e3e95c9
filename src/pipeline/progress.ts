// What a generation reports while it works, for a spinner and streamed text; every event is optional to send and to read.

export type GenerationPhase = 'reading' | 'analysing' | 'writing';

export type ProgressEvent =
  /** A new phase; `analysing` may repeat with growing counts (files analysed of `total`, answered from the cache). */
  | { type: 'phase'; phase: GenerationPhase; done?: number; total?: number; cacheHits?: number }
  /**
   * Text of the message as the provider streams it (already sanitised by the sender; a listener that prints it
   * sanitises again). `restart`: what was sent before is void, `delta` is the whole text so far (a retry).
   */
  | { type: 'text'; delta: string; candidate?: number; restart?: boolean };

export type ProgressListener = (event: ProgressEvent) => void;
