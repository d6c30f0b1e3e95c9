// The Markdown report: one row per case (cold medians), then the targets with PASS or FAIL.
import { LATENCY } from './cases.js';
import type { CaseSummary } from './run-case.js';
import type { TargetCheck } from './targets.js';

const number = new Intl.NumberFormat('en-US');
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

function megabytes(bytes: number): string {
  return bytes >= 100_000 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' / ');
}

export function renderTable(summaries: readonly CaseSummary[]): string {
  const lines = [
    '| files | diff | wall s | own ms (cold) | own ms (warm) | CPU ms (cold / warm) | requests | max in flight | input tokens | output tokens | round trips | stage | chunks | warm s (speed-up) | represented | message |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|',
  ];
  for (const s of summaries) {
    const message = s.message.split('\n')[0] ?? '';
    lines.push(
      `| ${number.format(s.files)} | ${megabytes(s.diffBytes)} | ${seconds(s.wallMs)} | ${Math.round(s.breakdown.ownMs)} | ${Math.round(s.warmOwnMs)} | ${Math.round(s.cpuMs)} / ${Math.round(s.warmCpuMs)} | ${s.requests} | ${s.maxInFlight} | ${number.format(s.inputTokens)} | ${number.format(s.outputTokens)} | ${s.roundTrips} | ${s.stage} | ${s.chunks ?? '-'} | ${seconds(s.warmWallMs)} (${s.warmSpeedup.toFixed(1)}x) | ${s.represented}/${s.staged} | ${escapeCell(message)} |`,
    );
  }
  return lines.join('\n');
}

/** Where the cold wall time goes, in milliseconds: the request terms follow the latency model on the critical path. */
export function renderBreakdown(summaries: readonly CaseSummary[]): string {
  const lines = [
    '| files | wall ms | spawn -> 1st request | (of which prepare) | round trips x base | input tokens | output tokens | between trips | last answer -> exit |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const ms = (value: number) => String(Math.round(value));
  for (const s of summaries) {
    const b = s.breakdown;
    lines.push(
      `| ${number.format(s.files)} | ${ms(s.wallMs)} | ${ms(b.headMs)} | ${ms(b.prepareMs)} | ${ms(b.baseMs)} | ${ms(b.inputMs)} | ${ms(b.outputMs)} | ${ms(b.betweenMs)} | ${ms(b.tailMs)} |`,
    );
  }
  return lines.join('\n');
}

export function renderTargets(checks: readonly TargetCheck[]): string {
  const lines = ['| case | target | measured | result |', '|---:|---|---|---|'];
  for (const check of checks) {
    const note = check.note ? ` (${check.note})` : '';
    lines.push(
      `| ${check.caseName} | ${check.target} | ${escapeCell(check.measured)}${note} | ${check.pass ? 'PASS' : '**FAIL**'} |`,
    );
  }
  const failed = checks.filter((check) => !check.pass).length;
  lines.push('', `${checks.length - failed} of ${checks.length} targets met.`);
  return lines.join('\n');
}

export function renderReport(options: {
  summaries: readonly CaseSummary[];
  checks: readonly TargetCheck[];
  header: string[];
}): string {
  return [
    '## git-ai end-to-end benchmark',
    '',
    ...options.header.map((line) => `- ${line}`),
    `- latency model: ${LATENCY.baseMs} ms + ${LATENCY.perInputKTokensMs} ms per 1k input tokens + ${LATENCY.perOutputTokenMs} ms per output token, per request`,
    "- figures are medians of the cold runs (fresh XDG_CACHE_HOME: no cached answer; the code cache as the header says); warm = the same change again on the cold run's cache",
    '',
    renderTable(options.summaries),
    '',
    '### Where the time goes (cold medians, ms)',
    '',
    renderBreakdown(options.summaries),
    '',
    '### Targets',
    '',
    renderTargets(options.checks),
    '',
  ].join('\n');
}
