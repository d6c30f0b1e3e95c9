// A timing tree of one generation (phases, waves, each request), rendered for `--debug` on stderr.

export type TraceValue = string | number | boolean | undefined;
export type TraceAttrs = Record<string, TraceValue>;

export interface Span {
  /** Adds or overwrites attributes while the span is open (or after it ended). */
  set(attrs: TraceAttrs): void;
  /** Closes the span; ending twice keeps the first end time. */
  end(attrs?: TraceAttrs): void;
  child(name: string, attrs?: TraceAttrs): Span;
}

export interface Trace {
  span(name: string, attrs?: TraceAttrs): Span;
  /** An indented tree, one line per span: name, duration, start offset from the first span, attributes. */
  render(): string;
}

interface SpanRecord {
  name: string;
  attrs: TraceAttrs;
  start: number;
  end?: number;
  children: SpanRecord[];
}

function openSpan(record: SpanRecord, now: () => number): Span {
  return {
    set(attrs) {
      Object.assign(record.attrs, attrs);
    },
    end(attrs) {
      if (attrs) Object.assign(record.attrs, attrs);
      record.end ??= now();
    },
    child(name, attrs) {
      const child: SpanRecord = { name, attrs: { ...attrs }, start: now(), children: [] };
      record.children.push(child);
      return openSpan(child, now);
    },
  };
}

function formatMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)}ms` : `${ms.toFixed(1)}ms`;
}

function formatAttrs(attrs: TraceAttrs): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

function renderRecord(record: SpanRecord, origin: number, depth: number, lines: string[]): void {
  const duration = record.end === undefined ? 'open' : formatMs(record.end - record.start);
  const attrs = formatAttrs(record.attrs);
  const head = `${'  '.repeat(depth)}${record.name} ${duration} (+${formatMs(record.start - origin)})`;
  lines.push(attrs ? `${head} ${attrs}` : head);
  for (const child of record.children) renderRecord(child, origin, depth + 1, lines);
}

export function createTrace(now: () => number = () => performance.now()): Trace {
  const roots: SpanRecord[] = [];
  return {
    span(name, attrs) {
      const record: SpanRecord = { name, attrs: { ...attrs }, start: now(), children: [] };
      roots.push(record);
      return openSpan(record, now);
    },
    render() {
      const origin = roots[0]?.start ?? 0;
      const lines: string[] = [];
      for (const root of roots) renderRecord(root, origin, 0, lines);
      return lines.join('\n');
    },
  };
}
