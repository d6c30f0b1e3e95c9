// The results as a Markdown table, the pool sweep, and the issue's targets judged from the figures as measured.
import type { SweepPoint } from './pool-sweep.js';
import type { Row } from './run-case.js';
import { judgeTargets } from './targets.js';

const MB = 1024 * 1024;

function ms(value: number | undefined): string {
  if (value === undefined) return '-';
  return value < 100 ? value.toFixed(1) : Math.round(value).toString();
}

function megabytes(kb: number | undefined): string {
  return kb === undefined ? 'n/a' : ((kb * 1024) / MB).toFixed(0);
}

function modeLabel(row: Row): string {
  if (row.mode === undefined) return '-';
  if (row.mode === 'auto' && row.onPool !== undefined) return `auto → ${row.onPool ? 'pool' : 'main'}`;
  return row.mode;
}

function rssLabel(row: Row, hasTime: boolean): string {
  if (row.operation !== 'raw git') return megabytes(row.peakRssKB);
  return `${megabytes(row.peakRssKB)} (git ${hasTime ? megabytes(row.gitRssKB) : 'n/a'})`;
}

export function renderTable(rows: readonly Row[], hasTime: boolean): string {
  const lines = [
    '| case | files | diff MB | operation | budget | mode | median ms | × raw git | peak RSS MB | CPU ms | n |',
    '| --- | ---: | ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    // A note is free text: a '|' in it would split the table's cell.
    const time = row.note && row.samplesMs.length === 0 ? row.note.replaceAll('|', '/') : ms(row.medianMs);
    lines.push(
      `| ${row.caseName} | ${row.files ?? '-'} | ${row.diffBytes === undefined ? '-' : (row.diffBytes / MB).toFixed(1)} | ${row.operation} | ${row.budget ?? '-'} | ${modeLabel(row)} | ${time} | ${row.ratio === undefined ? '-' : `${row.ratio.toFixed(2)}x`} | ${row.samplesMs.length > 0 ? rssLabel(row, hasTime) : '-'} | ${row.cpuMs === undefined ? '-' : Math.round(row.cpuMs)} | ${row.samplesMs.length} |`,
    );
  }
  return lines.join('\n');
}

export function renderSweep(points: readonly SweepPoint[], thresholdBytes: number): string {
  const lines = [
    `Token fitting alone (8 tasks, each text tokenized in full), fresh process per sample, cold pool; auto threshold now ${thresholdBytes / 1024} KiB:`,
    '',
    '| text KiB | main ms | pool ms | pool speed-up | auto picks |',
    '| ---: | ---: | ---: | ---: | --- |',
  ];
  for (const point of points) {
    lines.push(
      `| ${point.bytes / 1024} | ${ms(point.mainMs)} | ${ms(point.poolMs)} | ${point.speedup === undefined ? '-' : `${point.speedup.toFixed(2)}x`} | ${point.autoOnPool === undefined ? '-' : point.autoOnPool ? 'pool' : 'main'} |`,
    );
  }
  const failed = points.find((point) => point.note);
  if (failed) lines.push('', `Sweep ${failed.note}`);
  return lines.join('\n');
}

export interface ReportInput {
  rows: readonly Row[];
  sweep: readonly SweepPoint[];
  hasTime: boolean;
  thresholdBytes: number;
  notes: readonly string[];
  /** Target lines judged outside the rows (each request's window, bench/request-window.ts). */
  extraTargets?: readonly string[];
}

export function renderReport(input: ReportInput): string {
  const parts = ['## git-ai diff benchmark', '', renderTable(input.rows, input.hasTime), ''];
  if (input.sweep.length > 0) parts.push(renderSweep(input.sweep, input.thresholdBytes), '');
  parts.push(
    '### Targets',
    '',
    ...[...judgeTargets(input.rows, input.sweep), ...(input.extraTargets ?? [])].map((line) => `- ${line}`),
    '',
  );
  if (input.notes.length > 0) parts.push('### Notes', '', ...input.notes.map((note) => `- ${note}`), '');
  return parts.join('\n');
}
