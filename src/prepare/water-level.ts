// The level L such that sum(min(need, L)) fits `total`: the most any one chunk can get in a fair split.

export function waterLevel(needs: readonly number[], total: number): number {
  const sorted = [...needs].sort((a, b) => a - b);
  let remaining = total;
  for (let index = 0; index < sorted.length; index++) {
    const need = sorted[index]!;
    const share = remaining / (sorted.length - index);
    if (need > share) return Math.floor(share);
    remaining -= need;
  }
  return sorted.length === 0 ? total : Math.max(sorted[sorted.length - 1]!, Math.floor(remaining));
}
