// `npm run bench:redact`: how long redaction takes on a 1 MB staged diff (the bound: 50 ms), file by file as
// prepareDiff runs it, against secretlint's recommended preset (the maintained JavaScript rule set) on the same text;
// then on adversarial lines: a 1 MB line of one repeated unit of secret-like text (`-`, `sk-`, `\"`, `password: `…),
// cut to the 256 KB the tool holds of a line, each within 50 ms (a scan linear in the line; before, seconds to minutes).
// Flags: --reps N (default 15), --mb N (default 1), --shapes (only the adversarial lines).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { HELD_LINE_LIMIT } from '../src/diff/long-lines.js';
import { redactSecrets } from '../src/security/redact.js';
import { generateSecretCorpus } from '../test/support/secret-corpus.js';
import { codeLine, seededRandom } from './source-text.js';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '15' },
    mb: { type: 'string', default: '1' },
    shapes: { type: 'boolean', default: false },
  },
});
const reps = Number.parseInt(values.reps, 10);
const bytes = Number(values.mb) * 1024 * 1024;

/** A staged diff of generated source files (a hunk of added, removed and context lines each), with the corpus' secrets sprinkled in. */
function makeDiff(withSecrets: boolean): string[] {
  const random = seededRandom(42);
  const secrets = generateSecretCorpus(42)
    .files.map((file) => file.after ?? '')
    .join('\n')
    .split('\n');
  const files: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const lines = Array.from({ length: 60 }, (_, line) => {
      const prefix = line % 7 === 0 ? '-' : line % 3 === 0 ? ' ' : '+';
      return `${prefix}${withSecrets && index % 20 === 0 && line === 30 ? (secrets[index % secrets.length] ?? '') : codeLine(random)}`;
    });
    const path = `src/module${index}/file${index}.ts`;
    const text =
      [
        `diff --git a/${path} b/${path}`,
        'index 1111111..2222222 100644',
        `--- a/${path}`,
        `+++ b/${path}`,
        '@@ -1,50 +1,60 @@ export function main() {',
        ...lines,
      ].join('\n') + '\n';
    files.push(text);
    size += text.length;
  }
  return files;
}

const median = (samples: number[]): number => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** Wall time and CPU time (user + system) of each run: on a shared machine the CPU time is what one free core would take. */
async function time(run: () => unknown): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const start = performance.now();
    const usage = process.cpuUsage();
    await run();
    const spent = process.cpuUsage(usage);
    wall.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return { wall, cpu };
}

const TARGET_MS = 50;

if (!values.shapes) {
  const files = makeDiff(true);
  const clean = makeDiff(false);
  /** The same files written without semicolons, an import's string ending a line: the multi-line passes' gates see it. */
  const unterminated = files.map((file) => `${file.replace(/;$/gm, '')}+import { main } from './main'\n`);
  const whole = files.join('');
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };
  let found = 0;
  let secretlintFound = 0;

  // Both warm up first: the numbers are steady-state scan time (the CLI pays module load and regex compilation once).
  for (const file of files) found += redactSecrets(file).findings.length;
  let unterminatedFound = 0;
  for (const file of unterminated) unterminatedFound += redactSecrets(file).findings.length;
  secretlintFound = (
    await lintSource({
      source: { content: whole, filePath: 'staged.diff', ext: '.diff', contentType: 'text' },
      options: { config, maskSecrets: true },
    })
  ).messages.length;

  const ours = await time(() => {
    for (const file of files) redactSecrets(file);
  });
  const oursClean = await time(() => {
    for (const file of clean) redactSecrets(file);
  });
  const oursUnterminated = await time(() => {
    for (const file of unterminated) redactSecrets(file);
  });
  const theirs = await time(() =>
    lintSource({
      source: { content: whole, filePath: 'staged.diff', ext: '.diff', contentType: 'text' },
      options: { config, maskSecrets: true },
    }),
  );

  const mb = (whole.length / 1024 / 1024).toFixed(2);
  console.log(
    `redaction of a ${mb} MB diff (${files.length} files), median of ${reps}, load ${loadavg()[0]!.toFixed(2)}:`,
  );
  const show = (label: string, { wall, cpu }: { wall: number[]; cpu: number[] }, findings: number) =>
    console.log(
      `  ${label}: ${median(cpu).toFixed(1)} ms CPU (min ${Math.min(...cpu).toFixed(1)}), ${median(wall).toFixed(1)} ms wall (min ${Math.min(...wall).toFixed(1)}), ${findings} findings`,
    );
  show('git-ai redactSecrets, file by file', ours, found);
  show('  the same files without secrets    ', oursClean, 0);
  show('  the same files without semicolons  ', oursUnterminated, unterminatedFound);
  show('secretlint preset-recommend 11    ', theirs, secretlintFound);
  console.log(`  ratio git-ai / secretlint (CPU): ${(median(ours.cpu) / median(theirs.cpu)).toFixed(2)}`);
  const cpu = median(ours.cpu);
  console.log(`  1 MB diff within ${TARGET_MS} ms CPU: ${cpu.toFixed(1)} ms — ${cpu <= TARGET_MS ? 'PASS' : 'FAIL'}`);
}

/**
 * Lines of one repeated unit that made a scan super-linear (each found by a probe of every hint and a mix of
 * punctuation, quotes and blanks; 20 KB of the worst took 1.5 s before): a unit, or [head, unit, tail].
 */
const SHAPES: ReadonlyArray<string | [string, string, string]> = [
  '-',
  '--',
  'a-',
  'sk-',
  'sk-ant-',
  'xoxb-',
  'glpat-',
  '-us1',
  '\\"',
  '"\\',
  "\\'",
  "'",
  '"',
  '`',
  '", \'',
  '"] = \'',
  'password: ',
  'password: a1234567 ',
  "api_key: '",
  'token="',
  'docker login -p ',
  'redis-cli -a ',
  'sshpass -p ',
  'ConvertTo-SecureString ',
  '"a".concat(',
  '"a",',
  '\\n',
  'key=',
  'https://u:p@',
  'AKIA',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  ' \t',
  ['"', ' ', 'x'],
  ["'", '\t', 'x'],
  ['password="', ' ', 'x'],
  ['- name: DB_PASSWORD', ' ', 'x'],
];

/** A staged file's diff whose one added line is `unit` repeated to 1 MB, cut to the 256 KB the tool holds. */
function shapeDiff(shape: string | [string, string, string]): string {
  const [head, unit, tail] = typeof shape === 'string' ? ['', shape, ''] : shape;
  const body = unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes - head.length - tail.length);
  const line = `${head}${body}${tail}`.slice(0, HELD_LINE_LIMIT);
  return `diff --git a/f.txt b/f.txt\nindex 1111111..2222222 100644\n--- a/f.txt\n+++ b/f.txt\n@@ -0,0 +1 @@\n+${line}\n`;
}

const shapeReps = Math.min(reps, 3);
console.log(
  `adversarial lines, each ${HELD_LINE_LIMIT / 1024} KB of one unit (a ${bytes / 1024 / 1024} MB line as the tool holds it), median of ${shapeReps}:`,
);
let worst = 0;
let failed = 0;
for (const shape of SHAPES) {
  const text = shapeDiff(shape);
  redactSecrets(text); // warm
  const cpu: number[] = [];
  for (let rep = 0; rep < shapeReps; rep++) {
    const usage = process.cpuUsage();
    redactSecrets(text);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  const ms = median(cpu);
  worst = Math.max(worst, ms);
  if (ms > TARGET_MS) failed++;
  console.log(
    `  ${JSON.stringify(shape).padEnd(44)} ${ms.toFixed(1).padStart(8)} ms CPU — ${ms <= TARGET_MS ? 'PASS' : 'FAIL'}`,
  );
}
console.log(
  `  each adversarial line within ${TARGET_MS} ms CPU: worst ${worst.toFixed(1)} ms, ${failed} of ${SHAPES.length} over — ${failed === 0 ? 'PASS' : 'FAIL'}`,
);
