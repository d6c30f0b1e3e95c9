// Token fitting alone at growing sizes, main thread against a cold pool: where the pool starts to pay.
import { isolatedEnv, BENCH_TMP } from './env.js';
import { median, sampleOperation } from './measure.js';

export interface SweepPoint {
  bytes: number;
  mainMs?: number;
  poolMs?: number;
  /** mainMs / poolMs: above 1 the pool is faster. */
  speedup?: number;
  /** What 'auto' does at this size with the current DEFAULT_POOL_THRESHOLD_BYTES. */
  autoOnPool?: boolean;
  note?: string;
}

const MIB = 1024 * 1024;
export const SWEEP_SIZES = [MIB / 4, 8 * MIB, 32 * MIB, 64 * MIB];
// As many tasks as prepareDiff's chunks usually number.
const TASKS = 8;

export async function runPoolSweep(options: {
  entry: string;
  sizes: readonly number[];
  reps: number;
}): Promise<SweepPoint[]> {
  const env = isolatedEnv();
  const points: SweepPoint[] = options.sizes.map((bytes) => ({ bytes }));
  const samples = points.map(() => ({ main: [] as number[], pool: [] as number[] }));
  const request = (bytes: number, mode: 'main' | 'pool' | 'auto') => ({
    op: 'tokens' as const,
    cwd: BENCH_TMP,
    bytes,
    tasks: TASKS,
    mode,
  });
  try {
    for (let round = 0; round < options.reps; round++) {
      for (const [index, point] of points.entries()) {
        samples[index]!.main.push((await sampleOperation(options.entry, request(point.bytes, 'main'), env)).ms);
        samples[index]!.pool.push((await sampleOperation(options.entry, request(point.bytes, 'pool'), env)).ms);
      }
    }
    for (const point of points)
      point.autoOnPool = (await sampleOperation(options.entry, request(point.bytes, 'auto'), env)).onPool;
  } catch (error) {
    points[0]!.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  points.forEach((point, index) => {
    const { main, pool } = samples[index]!;
    if (main.length > 0) point.mainMs = median(main);
    if (pool.length > 0) point.poolMs = median(pool);
    if (point.mainMs !== undefined && point.poolMs !== undefined) point.speedup = point.mainMs / point.poolMs;
  });
  return points;
}

/** The smallest size from which the pool is more than `factor` times faster at every larger size measured; undefined if none. */
export function crossoverBytes(points: readonly SweepPoint[], factor = 1): number | undefined {
  let from: number | undefined;
  for (const point of points) {
    if (point.speedup !== undefined && point.speedup > factor) from ??= point.bytes;
    else from = undefined;
  }
  return from;
}
