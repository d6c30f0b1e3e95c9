// cl100k_base's vocabulary, packed (src/tokens/vocabulary.ts). Run from source, gpt-tokenizer's ranks are packed on
// the first call; in the bundle, scripts/vocabulary-plugin.ts makes this an import of the packed strings themselves.
import { packVocabulary, type PackedVocabulary, type RankList } from './vocabulary.js';

export default async function loadPackedVocabulary(): Promise<PackedVocabulary> {
  const { default: ranks } = await import('gpt-tokenizer/esm/bpeRanks/cl100k_base');
  return packVocabulary(ranks as RankList);
}
