// o200k_base's vocabulary (src/tokens/vocabulary.ts). Run from source, it is built from gpt-tokenizer's ranks on the
// first call; in the bundle, scripts/vocabulary-plugin.ts makes this a read of dist/o200k_base.vocab, built at build time.
import { buildVocabularyTables, type RankList, type VocabularyTables } from './vocabulary.js';

export default async function loadVocabularyTables(): Promise<VocabularyTables> {
  const { default: ranks } = await import('gpt-tokenizer/esm/bpeRanks/o200k_base');
  return buildVocabularyTables(ranks as RankList);
}
