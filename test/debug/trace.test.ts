import { describe, expect, it } from 'vitest';
import { createTrace } from '../../src/debug/trace.js';

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('createTrace', () => {
  it('renders nested spans as an indented tree with durations, offsets and attributes', () => {
    const clock = fakeClock();
    const trace = createTrace(clock.now);
    const root = trace.span('generate', { files: 3 });
    clock.advance(2);
    const analyse = root.child('analyse', { chunks: 2 });
    const first = analyse.child('chunk 0');
    clock.advance(150);
    first.end({ tokensIn: 400, cacheHit: false });
    analyse.end();
    const generate = root.child('generate');
    clock.advance(12.25);
    generate.end({ skipped: undefined, attempts: 2 });
    root.end({ stage: 'multi-step' });
    expect(trace.render()).toBe(
      [
        'generate 164ms (+0.0ms) files=3 stage=multi-step',
        '  analyse 150ms (+2.0ms) chunks=2',
        '    chunk 0 150ms (+2.0ms) tokensIn=400 cacheHit=false',
        '  generate 12.3ms (+152ms) attempts=2',
      ].join('\n'),
    );
  });

  it('marks spans that never ended as open and keeps the first end time', () => {
    const clock = fakeClock();
    const trace = createTrace(clock.now);
    const root = trace.span('run');
    root.child('request');
    clock.advance(5);
    root.end();
    clock.advance(5);
    root.end({ late: true });
    expect(trace.render()).toBe(['run 5.0ms (+0.0ms) late=true', '  request open (+0.0ms)'].join('\n'));
  });

  it('renders nothing before any span', () => {
    expect(createTrace().render()).toBe('');
  });
});
