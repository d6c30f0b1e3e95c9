// Deterministic unified diffs of any size, for budget tests and benchmarks.

/** A small seeded PRNG (mulberry32), so the same seed gives the same diff. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'value',
  'config',
  'render',
  'items',
  'result',
  'parse',
  'token',
  'budget',
  'index',
  'cache',
  'user',
  'élan',
  '数据',
];

export function codeLine(random: () => number): string {
  const a = WORDS[Math.floor(random() * WORDS.length)]!;
  const b = WORDS[Math.floor(random() * WORDS.length)]!;
  const n = Math.floor(random() * 1000);
  return `  const ${a}${n} = ${b}(${a}, ${n}) ?? ${JSON.stringify(b)};`;
}

export interface SyntheticDiffOptions {
  files: number;
  /** Lines added per file (a range picked per file). */
  minLines?: number;
  maxLines?: number;
  seed?: number;
  /** Extra file paths to add verbatim (lockfiles, secrets...). */
  extra?: Array<{ path: string; lines: string[] }>;
}

function fileDiff(path: string, lines: readonly string[]): string {
  const body = lines.map((line) => `+${line}`).join('\n');
  return `diff --git a/${path} b/${path}\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n${body}\n`;
}

export function makeSyntheticDiff(options: SyntheticDiffOptions): string {
  const random = seededRandom(options.seed ?? 1);
  const min = options.minLines ?? 5;
  const max = options.maxLines ?? 60;
  const parts: string[] = [];
  for (let index = 0; index < options.files; index++) {
    const count = min + Math.floor(random() * (max - min + 1));
    const lines = Array.from({ length: count }, () => codeLine(random));
    parts.push(fileDiff(`packages/p${index % 7}/src/module${index}.ts`, lines));
  }
  for (const extra of options.extra ?? []) parts.push(fileDiff(extra.path, extra.lines));
  return parts.join('');
}

/** Feeds text to consumers that read diff lines in batches, as git's stream is read. */
export async function* linesOf(text: string, batchSize = 1000): AsyncGenerator<string[]> {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let start = 0; start < lines.length; start += batchSize) yield lines.slice(start, start + batchSize);
}
