// Groups files into request chunks: a large file alone, small neighbours together.

/** Files under this many bytes are batched with their neighbours. */
export const SMALL_FILE_BYTES = 6_000;
/** A batch of small files stops growing at this size or file count. */
export const CHUNK_TARGET_BYTES = 24_000;
export const CHUNK_MAX_FILES = 12;

/** Returns groups of indexes into `sizes`, in order; deterministic for the same input. */
export function groupIntoChunks(sizes: readonly number[]): number[][] {
  const chunks: number[][] = [];
  let batch: number[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batch.length > 0) chunks.push(batch);
    batch = [];
    batchBytes = 0;
  };
  sizes.forEach((size, index) => {
    if (size >= SMALL_FILE_BYTES) {
      chunks.push([index]);
      return;
    }
    if (batchBytes + size > CHUNK_TARGET_BYTES || batch.length >= CHUNK_MAX_FILES) flush();
    batch.push(index);
    batchBytes += size;
  });
  flush();
  return chunks;
}
