// The targets, checked against the measured summaries: each with its bar, the figure and PASS or FAIL.
import { E2E_CASES, WARM_SPEEDUP } from './cases.js';
import type { CaseSummary } from './run-case.js';

export interface TargetCheck {
  caseName: string;
  target: string;
  measured: string;
  pass: boolean;
  note?: string;
}

/** Changes this small should take the fast path: one request, one round trip. */
const FAST_PATH_FILES = 4;
/** Up to this many chunks, a multi-step run is one wave of analyses and one generate request. */
const WAVE_CHUNKS = 8;

/** Our own time (wall less the server's), for 1-4 files and up to a 1 MB diff. */
const OWN_SMALL_MS = 150;
const OWN_MS = 250;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export function checkTargets(summaries: readonly CaseSummary[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const summary of summaries) {
    const item = E2E_CASES.find((candidate) => candidate.spec.name === summary.name);
    if (item === undefined) continue;
    const caseName = summary.name;
    checks.push({
      caseName,
      target: `wall <= ${item.wallTargetS.toFixed(2)} s (${item.wallBasis})`,
      measured: seconds(summary.wallMs),
      pass: summary.wallMs <= item.wallTargetS * 1000,
    });
    const ownTarget =
      summary.files <= FAST_PATH_FILES ? OWN_SMALL_MS : summary.diffBytes <= 1_000_000 ? OWN_MS : undefined;
    if (ownTarget !== undefined) {
      const own = Math.round(summary.breakdown.ownMs);
      checks.push({
        caseName,
        target: `own time <= ${ownTarget} ms (wall less the server's time on the critical path)`,
        measured: `${own} ms`,
        pass: own <= ownTarget,
      });
    }
    if (summary.files <= FAST_PATH_FILES) {
      const note = summary.stage === 'fast-path' ? undefined : `stage was ${summary.stage}, not fast-path`;
      checks.push({
        caseName,
        target: 'one round trip (fast path)',
        measured: `${summary.maxRoundTrips} round trip(s), ${summary.requests} request(s)`,
        pass: summary.maxRoundTrips === 1,
        note,
      });
    } else if ((summary.chunks ?? 0) <= WAVE_CHUNKS) {
      checks.push({
        caseName,
        target: `at most 2 round trips (${summary.chunks ?? '?'} chunks)`,
        measured: `${summary.maxRoundTrips} round trip(s), stage ${summary.stage}`,
        pass: summary.maxRoundTrips <= 2,
      });
    }
    if (item.maxInputTokens !== undefined) {
      checks.push({
        caseName,
        target: `input tokens <= ${item.maxInputTokens.toLocaleString('en-US')}`,
        measured: summary.inputTokens.toLocaleString('en-US'),
        pass: summary.inputTokens <= item.maxInputTokens,
      });
    }
    checks.push({
      caseName,
      target: 'every staged file represented',
      measured: `${summary.represented}/${summary.staged} (listing counts ${summary.listed})`,
      pass: summary.represented === summary.staged && summary.listed === summary.staged,
    });
    checks.push({
      caseName,
      target: `warm run >= ${WARM_SPEEDUP}x faster`,
      measured: `${summary.warmSpeedup.toFixed(2)}x (${seconds(summary.wallMs)} -> ${seconds(summary.warmWallMs)}, ${summary.warmRequests} request(s))`,
      pass: summary.warmSpeedup >= WARM_SPEEDUP,
    });
    if (summary.failures.length > 0)
      checks.push({
        caseName,
        target: 'every run exits 0',
        measured: summary.failures.join('; ').slice(0, 160),
        pass: false,
      });
  }
  return checks;
}
