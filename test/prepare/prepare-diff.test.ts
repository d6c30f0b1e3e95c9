import { describe, expect, it } from 'vitest';
import { prepareDiff, type PrepareDiffOptions } from '../../src/prepare/prepare-diff.js';
import { loadTokenizer } from '../../src/tokens/tokenizer.js';
import { linesOf, makeSyntheticDiff } from '../support/synthetic-diff.js';

const base = { promptTokens: 500, reservedOutput: 500, poolMode: 'main' as const };

async function prepare(text: string, options: Partial<PrepareDiffOptions> & { model: string; maxTokens: number }) {
  return prepareDiff({ ...base, ...options, lines: linesOf(text) });
}

describe('prepareDiff budgets', () => {
  it.each([
    { name: 'a few hundred tokens, 40 files', files: 40, model: 'gpt-4o', maxTokens: 300 },
    { name: 'default budget, 50 files', files: 50, model: 'gpt-4o-mini', maxTokens: 8000 },
    { name: 'cl100k, 200 files', files: 200, model: 'gpt-4', maxTokens: 4000 },
    { name: 'estimate encoding, 120 files', files: 120, model: 'claude-sonnet-4-5', maxTokens: 6000 },
    { name: '1M-token window, 400 files', files: 400, model: 'gpt-4.1', maxTokens: 1_000_000 },
  ])('$name: never exceeds the budget, lists every file, exact chunk counts', async ({ files, model, maxTokens }) => {
    const text = makeSyntheticDiff({ files, seed: files, minLines: 3, maxLines: 120 });
    const { prepared } = await prepare(text, { model, maxTokens });
    const tokenizer = await loadTokenizer(prepared.encoding);

    expect(prepared.budget.total).toBeLessThanOrEqual(maxTokens);
    expect(prepared.budget.used).toBeLessThanOrEqual(prepared.budget.total);
    let sum = tokenizer.count(prepared.listing);
    for (const chunk of prepared.chunks) {
      const real = tokenizer.count(chunk.text);
      expect(real).toBeLessThanOrEqual(chunk.tokens);
      expect(chunk.tokens).toBeLessThanOrEqual(chunk.allocation);
      if (chunk.text !== '') expect(chunk.text.endsWith('\n')).toBe(true);
      sum += real;
    }
    expect(sum).toBeLessThanOrEqual(prepared.budget.total);
    expect(prepared.files).toHaveLength(files);
    // every file is in the listing, one line each or folded into its directory
    const listed = prepared.listing.split('\n');
    if (listed.length === files) {
      for (const entry of prepared.files) expect(prepared.listing).toContain(entry.path);
    } else {
      const counted = listed.reduce(
        (total, line) => total + Number(/: ([\d,]+) files?/.exec(line)?.[1]?.replace(/,/g, '') ?? 0),
        0,
      );
      expect(counted).toBe(files);
    }
  });

  it('is deterministic: the same input gives byte-identical output', async () => {
    const text = makeSyntheticDiff({ files: 80, seed: 7, maxLines: 200 });
    const first = await prepare(text, { model: 'gpt-4o', maxTokens: 3000 });
    const second = await prepare(text, { model: 'gpt-4o', maxTokens: 3000 });
    expect(JSON.stringify(second.prepared)).toBe(JSON.stringify(first.prepared));
  });

  it('gives what small chunks leave unused to the large ones (water-filling)', async () => {
    const small = makeSyntheticDiff({ files: 6, seed: 3, minLines: 2, maxLines: 3 });
    const large = makeSyntheticDiff({ files: 1, seed: 4, minLines: 3000, maxLines: 3000 }).replaceAll('module0', 'big');
    const { prepared } = await prepare(small + large, { model: 'gpt-4o', maxTokens: 4000 });
    const big = prepared.chunks.find((chunk) => chunk.files.some((file) => file.path.includes('big')))!;
    const others = prepared.chunks.filter((chunk) => chunk !== big);
    expect(others.every((chunk) => !chunk.truncated)).toBe(true);
    expect(big.truncated).toBe(true);
    expect(big.omittedLines).toBeGreaterThan(0);
    // the big chunk got everything the others did not use, less the rounding of one token per chunk
    expect(big.allocation).toBeGreaterThanOrEqual(
      prepared.budget.content - others.reduce((s, c) => s + c.tokens, 0) - prepared.chunks.length,
    );
  });

  it('folds the listing per directory when even one line per file does not fit', async () => {
    const text = makeSyntheticDiff({ files: 3000, seed: 5, minLines: 1, maxLines: 1 });
    const { prepared } = await prepare(text, { model: 'gpt-4o', maxTokens: 2000 });
    expect(prepared.listing.split('\n').length).toBeLessThan(3000);
    expect(prepared.listing).toMatch(/^packages\/p0\/src\/: [\d,]+ files, \+[\d,]+ -0$/m);
    expect(prepared.listingTokens).toBeLessThanOrEqual(Math.floor(2000 * 0.25));
  });

  // The bound the listing is checked by first (UTF-8 bytes here) is only an upper one: a listing over its share by
  // the bound but within it by its count keeps its per-file lines.
  it.each([
    ['cl100k_base', 'gpt-4-turbo'],
    ['estimate', 'claude-sonnet-4-5'],
  ])('keeps one line per file when %s counts the listing within its share and its bytes are over', async (_, model) => {
    const extra = Array.from({ length: 120 }, (_, i) => ({
      path: `src/components/widgets/item-${i}.tsx`,
      lines: ['x'],
    }));
    const text = makeSyntheticDiff({ files: 0, extra });
    const full = (await prepare(text, { model, maxTokens: 1_000_000 })).prepared;
    expect(full.listing.split('\n')).toHaveLength(120);
    const tokenizer = await loadTokenizer(full.encoding);
    const tokens = tokenizer.count(full.listing);
    const maxTokens = Math.ceil(tokens * 1.1) * 4;
    const { prepared } = await prepare(text, { model, maxTokens });
    const share = Math.floor(prepared.budget.total * 0.25);
    expect(tokens).toBeLessThanOrEqual(share);
    expect(Buffer.byteLength(full.listing)).toBeGreaterThan(share);
    expect(prepared.listing).toBe(full.listing);
    expect(prepared.listingTokens).toBe(tokens);
  });

  it('lists lockfiles and binaries without their content, withholds secret files and redacts secrets', async () => {
    const text = makeSyntheticDiff({
      files: 2,
      extra: [
        { path: 'package-lock.json', lines: ['{', '  "lockfileVersion": 3', '}'] },
        { path: '.env', lines: ['DATABASE_PASSWORD=hunter2-very-secret'] },
        { path: 'src/client.ts', lines: ['const key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD";'] },
      ],
    });
    const { prepared, secretsRedacted } = await prepare(text, { model: 'gpt-4o', maxTokens: 8000 });
    const sent = prepared.chunks.map((chunk) => chunk.text).join('');
    expect(prepared.files.find((file) => file.path === 'package-lock.json')?.omitted).toBe('lockfile');
    expect(prepared.files.find((file) => file.path === '.env')?.omitted).toBe('secret');
    expect(sent).not.toContain('lockfileVersion');
    expect(sent).not.toContain('hunter2');
    expect(sent).not.toContain('sk-proj-abcdefghijklmnop');
    expect(sent).toContain('[REDACTED:');
    expect(secretsRedacted).toBeGreaterThan(0);
    expect(prepared.listing).toContain('package-lock.json');
    expect(prepared.listing).toContain('.env');
  });

  it('excludes what the user ignores', async () => {
    const text = makeSyntheticDiff({ files: 3, seed: 2 });
    const { prepared } = await prepare(text, {
      model: 'gpt-4o',
      maxTokens: 8000,
      isIgnored: (path) => path.endsWith('module1.ts'),
    });
    expect(prepared.files.find((file) => file.path.endsWith('module1.ts'))?.omitted).toBe('ignored');
    expect(prepared.chunks.map((chunk) => chunk.text).join('')).not.toContain('module1.ts');
  });

  it('cuts a line longer than the budget could use to its head, says so, and stays within budget', async () => {
    const bundle = `+${'var a=function(b){return b*2};'.repeat(40_000)}`; // one 1.2 MB line
    const text = [
      'diff --git a/web/app.js b/web/app.js',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/web/app.js',
      '@@ -0,0 +1,2 @@',
      bundle,
      '+export const done = true;',
      '',
    ].join('\n');
    const { prepared, files } = await prepare(text, { model: 'gpt-4o', maxTokens: 4000 });
    expect(prepared.listing).toBe('A web/app.js (+2 -0) [1 long line cut]');
    const sent = prepared.chunks.map((chunk) => chunk.text).join('');
    expect(sent).toMatch(/^\+var a=function.* \[git-ai: line cut, \d+ more characters\]$/m);
    expect(sent).toContain('+export const done = true;');
    expect(sent.length).toBeLessThan(4000 * 3);
    expect(prepared.budget.used).toBeLessThanOrEqual(prepared.budget.total);
    // The offline engine gets the head too, never the megabyte.
    const lines = files[0]!.hunks[0]!.lines;
    expect(lines).toHaveLength(2);
    expect(lines[0]!.length).toBeLessThan(2100);
    expect(lines[0]).toMatch(/ \[git-ai: line cut, \d+ more characters\]$/);
  });

  it('refuses a budget the prompt alone fills, with a clear error', async () => {
    await expect(prepare('', { model: 'gpt-4', maxTokens: 8000, promptTokens: 9000 })).rejects.toThrow(
      /no room for the diff/,
    );
  });
});
