// Groups files into request chunks: never more chunks than one wave of requests, neighbours (same directory) together.

/**
 * Splits files (in diff order, so a directory's files stay together) into at most `maxChunks` contiguous groups
 * of roughly equal size; a change with no more files than chunks gets one chunk per file.
 * Returns groups of indexes into `sizes`; deterministic for the same input.
 */
export function groupIntoChunks(sizes: readonly number[], maxChunks: number): number[][] {
  const limit = Math.max(1, Math.floor(maxChunks));
  if (sizes.length <= limit) return sizes.map((_, index) => [index]);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const chunks: number[][] = [];
  let current: number[] = [];
  let currentSize = 0;
  let remaining = total;
  sizes.forEach((size, index) => {
    // The target adapts as chunks close, so one huge file does not leave the rest crammed into the last chunk.
    const target = remaining / (limit - chunks.length);
    const filesLeft = sizes.length - index;
    const chunksLeft = limit - chunks.length;
    if (current.length > 0 && chunksLeft > 1 && (currentSize + size > target || filesLeft < chunksLeft)) {
      chunks.push(current);
      remaining -= currentSize;
      current = [];
      currentSize = 0;
    }
    current.push(index);
    currentSize += size;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}
