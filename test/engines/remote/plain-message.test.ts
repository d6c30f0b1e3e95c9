// The commit message as models write it in plain text, read into a header and a body.
import { describe, expect, it } from 'vitest';
import { parsePlainCandidate, parsePlainMessage, readHeaderLine } from '../../../src/engines/remote/plain-message.js';

describe('parsePlainMessage', () => {
  it.each([
    ['the header alone', 'feat(cli): add the prompt command', null],
    ['a header and a body', 'feat(cli): add the prompt command\n\nShows the request.', 'Shows the request.'],
    ['CRLF line ends', 'feat(cli): add the prompt command\r\n\r\n- one\r\n- two\r\n', '- one\n- two'],
    ['a code fence', '```\nfeat(cli): add the prompt command\n\nShows the request.\n```', 'Shows the request.'],
    [
      'a preamble, a fence with a language and a closing remark',
      'Here is the commit message:\n\n```text\nfeat(cli): add the prompt command\n\nShows the request.\n```\n\nLet me know if you need changes.',
      'Shows the request.',
    ],
    ['quotes around the header', '"feat(cli): add the prompt command"', null],
    ['backticks around the header', '`feat(cli): add the prompt command`', null],
    ['a bold label', '**Commit message:** feat(cli): add the prompt command', null],
    [
      'a label on its own line',
      'Subject: feat(cli): add the prompt command\nBody: Shows the request.',
      'Shows the request.',
    ],
    [
      'trailing prose after the body',
      'feat(cli): add the prompt command\n\nShows the request.\n\nThis commit message follows Conventional Commits.',
      'Shows the request.',
    ],
    [
      'an alternative offered after it',
      'feat(cli): add the prompt command\n\nShows the request.\n\nAlternatively:\nfeat: add prompt',
      'Shows the request.',
    ],
  ])('reads %s', (_case, text, body) => {
    expect(parsePlainMessage(text)).toEqual({ header: 'feat(cli): add the prompt command', body });
  });

  it('keeps a body whose lines hold code and trailers as written', () => {
    const body = 'Reads `git diff --cached`.\n\nRefs: #12\nBREAKING CHANGE: the flag is gone';
    expect(parsePlainMessage(`feat(cli)!: drop --old\n\n${body}`)).toEqual({ header: 'feat(cli)!: drop --old', body });
  });

  it.each([
    ['prose', 'This change adds a prompt command to the CLI.'],
    ['an unknown type', 'feature: add the prompt command'],
    ['JSON', '{"headers":["feat: add the prompt command"],"body":null}'],
    ['nothing', ''],
  ])('finds no header in %s', (_case, text) => {
    expect(parsePlainMessage(text)).toBeUndefined();
  });
});

describe('parsePlainCandidate', () => {
  it('gives type, scope, subject, body and breaking', () => {
    expect(parsePlainCandidate('fix(diff)!: keep renames apart\n\nWhy.')).toEqual({
      type: 'fix',
      scope: 'diff',
      subject: 'keep renames apart',
      body: 'Why.',
      breaking: true,
    });
  });
});

describe('readHeaderLine', () => {
  it('takes off list markers, labels and quotes, and nothing from a plain header', () => {
    expect(readHeaderLine('1. "fix: a"')).toBe('fix: a');
    expect(readHeaderLine('- **fix: a**')).toBe('fix: a');
    expect(readHeaderLine('fix: "quoted" words')).toBe('fix: "quoted" words');
    expect(readHeaderLine('Here is a fix for it')).toBeUndefined();
  });
});
