// What a generation reports while it works, for a spinner and streamed text; every event is optional to send and to read.

export type GenerationPhase = 'reading' | 'analysing' | 'writing';

export type ProgressEvent =
  /** A new phase; `analysing` may repeat with growing counts (files analysed of `total`, answered from the cache). */
  | { type: 'phase'; phase: GenerationPhase; done?: number; total?: number; cacheHits?: number }
  /** Text of the message as the provider streams it (raw: the listener sanitises before printing). */
  | { type: 'text'; delta: string; candidate?: number };

export type ProgressListener = (event: ProgressEvent) => void;
