// The esbuild plugin that bundles each BPE vocabulary as a binary file built at build time (src/tokens/vocabulary-file.ts):
// the loader src/tokens/<name>-vocabulary.ts (o200k-vocabulary.ts for o200k_base) becomes a read of
// <outdir>/<encoding>.vocab beside the chunks, written here from gpt-tokenizer's ranks, so a run reads ~4 MB of
// ready tables instead of compiling a 200,000-element array literal (or decoding base64) and hashing every token.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from 'tsup';
import { encodeVocabularyFile } from '../src/tokens/vocabulary-file.js';
import { buildVocabularyTables, type RankList } from '../src/tokens/vocabulary.js';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** src/tokens/o200k-vocabulary.ts and the like; the name before `-vocabulary` is the encoding's, less `_base`. */
export const VOCABULARY_MODULE = /[\\/]src[\\/]tokens[\\/]([a-z0-9]+)-vocabulary\.ts$/;

/** The file name the bundle reads for an encoding, beside its chunks. */
export const vocabularyFileName = (encoding: string): string => `${encoding}.vocab`;

/** The binary file of an encoding, built from gpt-tokenizer's ranks. */
export async function vocabularyFile(encoding: string): Promise<Buffer> {
  const { default: ranks } = (await import(`gpt-tokenizer/esm/bpeRanks/${encoding}`)) as { default: RankList };
  return encodeVocabularyFile(buildVocabularyTables(ranks));
}

const DECODER = fileURLToPath(new URL('../src/tokens/vocabulary-file.ts', import.meta.url));

/** The loader's code in the bundle: the file read off the main thread (one buffer, sized by fstat), then viewed. */
export function bundledLoader(encoding: string): string {
  return [
    "import { readFile } from 'node:fs';",
    `import { decodeVocabularyFile } from ${JSON.stringify(DECODER)};`,
    `const file = new URL(${JSON.stringify(`./${vocabularyFileName(encoding)}`)}, import.meta.url);`,
    'export default () => new Promise((resolve, reject) => readFile(file, (error, data) => (error ? reject(error) : resolve(decodeVocabularyFile(data)))));',
    '',
  ].join('\n');
}

export const packedVocabularies: Plugin = {
  name: 'packed-vocabularies',
  setup(build) {
    const encodings = new Set<string>();
    build.onStart(() => encodings.clear());
    build.onLoad({ filter: VOCABULARY_MODULE }, (args) => {
      const encoding = `${VOCABULARY_MODULE.exec(args.path)![1]!}_base`;
      encodings.add(encoding);
      return { contents: bundledLoader(encoding), loader: 'js' };
    });
    build.onEnd(async (result) => {
      const outdir = build.initialOptions.outdir;
      if (result.errors.length > 0 || outdir === undefined) return;
      mkdirSync(outdir, { recursive: true });
      for (const encoding of encodings)
        writeFileSync(join(outdir, vocabularyFileName(encoding)), await vocabularyFile(encoding));
    });
  },
};
