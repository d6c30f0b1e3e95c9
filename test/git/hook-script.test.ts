// The installed script reads back as the launcher it was rendered from, whatever the paths hold.
import { describe, expect, it } from 'vitest';
import { HOOK_MARKER, isGitAiHook, readLauncher, renderHookScript } from '../../src/git/hook-script.js';

describe('renderHookScript and readLauncher', () => {
  it.each([
    ['/usr/bin/node', '/opt/git-ai/dist/cli.js'],
    ["/home/o'brien/.nvm/node", '/tmp/with space/cli.js'],
    ["/a/''/node", "/b/'x'/cli.js"],
  ])('round-trips node %s and cli %s', (node, script) => {
    const text = renderHookScript({ launcher: { node, script } });
    expect(isGitAiHook(text)).toBe(true);
    expect(text.split('\n')[1]).toBe(HOOK_MARKER);
    expect(readLauncher(text)).toEqual({ node, script });
  });

  it('starts no node for the sources that already have a message, before anything else runs', () => {
    const lines = renderHookScript({ launcher: { node: '/n', script: '/c' } }).split('\n');
    const caseLine = lines.findIndex((line) => line.startsWith('case '));
    expect(lines[caseLine]).toBe('case "${2-}" in message|template|merge|squash|commit) ;; *)');
    expect(lines.findIndex((line) => line.includes('"$node"'))).toBeGreaterThan(caseLine);
  });

  it('reads nothing from a script that is not ours', () => {
    expect(readLauncher('#!/bin/sh\nexit 0\n')).toBeUndefined();
  });
});
