// The esbuild plugin that bundles each BPE vocabulary packed (src/tokens/vocabulary.ts): the loader
// src/tokens/<name>-vocabulary.ts (o200k-vocabulary.ts for o200k_base) becomes an import of a chunk holding two
// string literals, packed here at build time from gpt-tokenizer's ranks, so a run loads ~1.3 MB of base64 instead of
// compiling a 200,000-element array literal and building a Map of it.
import type { Options } from 'tsup';
import { packVocabulary, type RankList } from '../src/tokens/vocabulary.js';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** src/tokens/o200k-vocabulary.ts and the like; the name before `-vocabulary` is the encoding's, less `_base`. */
export const VOCABULARY_MODULE = /[\\/]src[\\/]tokens[\\/]([a-z0-9]+)-vocabulary\.ts$/;

const PACKED = /^packed-vocabulary:([a-z0-9_]+)$/;

/** The packed strings as a module of their own (a chunk that loads only when the encoding is used). */
export async function packedVocabularyModule(encoding: string): Promise<string> {
  const { default: ranks } = (await import(`gpt-tokenizer/esm/bpeRanks/${encoding}`)) as { default: RankList };
  const packed = packVocabulary(ranks);
  return `export default { bytes: ${JSON.stringify(packed.bytes)}, lengths: ${JSON.stringify(packed.lengths)} };\n`;
}

export const packedVocabularies: Plugin = {
  name: 'packed-vocabularies',
  setup(build) {
    build.onLoad({ filter: VOCABULARY_MODULE }, (args) => ({
      contents: `export default () => import(${JSON.stringify(`packed-vocabulary:${VOCABULARY_MODULE.exec(args.path)![1]!}_base`)}).then((module) => module.default);\n`,
      loader: 'js',
    }));
    build.onResolve({ filter: PACKED }, (args) => ({
      path: PACKED.exec(args.path)![1]!,
      namespace: 'packed-vocabulary',
    }));
    build.onLoad({ filter: /.*/, namespace: 'packed-vocabulary' }, async (args) => ({
      contents: await packedVocabularyModule(args.path),
      loader: 'js',
    }));
  },
};
