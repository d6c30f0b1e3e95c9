// git-ai's own Headers behaves as Node's for what it is given, and is the SDK's global Headers in a fresh process,
// where a remote call loads none of Node's undici.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FetchHeaders } from '../../src/providers/fetch-headers.js';
import { useProviderServer } from '../support/provider-server.js';
import { PROJECT_ROOT, runProcess } from '../support/temp-repo.js';

const PROBE = join(PROJECT_ROOT, 'test/support/remote-call-probe.ts');

// Node's own class, whichever the global is now: a Response's headers are always undici's.
const NodeHeaders = new Response().headers.constructor as typeof Headers;

type Init = ConstructorParameters<typeof FetchHeaders>[0];

/** What a Headers shows: its entries in order, a few reads, and set-cookie apart. */
function view(headers: FetchHeaders | Headers) {
  const seen: string[] = [];
  headers.forEach((value, name) => seen.push(`${name}=${value}`));
  return {
    entries: [...headers],
    keys: [...headers.keys()],
    values: [...headers.values()],
    seen,
    contentType: headers.get('Content-Type'),
    missing: headers.get('x-missing'),
    has: headers.has('X-MULTI'),
    cookies: headers.getSetCookie(),
    tag: Object.prototype.toString.call(headers),
  };
}

describe('FetchHeaders', () => {
  it.each<[string, Init]>([
    ['a record', { 'Content-Type': 'application/json', Authorization: 'Bearer k', 'user-agent': 'ai-sdk' }],
    [
      'pairs, names repeated',
      [
        ['X-Multi', 'a'],
        ['x-multi', 'b'],
        ['Set-Cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['content-type', 'text/plain'],
      ],
    ],
    ['values with edge whitespace', { 'X-Multi': '  padded\t', b: '' }],
    ['another Headers', new NodeHeaders({ b: '2', a: '1', 'X-Multi': 'z' })],
    ['nothing', undefined],
  ])('reads %s as Node’s Headers does', (_name, init) => {
    expect(view(new FetchHeaders(init))).toEqual(
      view(new NodeHeaders(init as ConstructorParameters<typeof Headers>[0])),
    );
  });

  it('appends, sets and deletes as Node’s Headers does', () => {
    const ours = new FetchHeaders({ accept: 'a' });
    const node = new NodeHeaders({ accept: 'a' });
    for (const headers of [ours, node]) {
      headers.append('Accept', 'b');
      headers.append('x-multi', '1');
      headers.set('X-Multi', '2');
      headers.append('set-cookie', 'c=3');
      headers.delete('ACCEPT');
    }
    expect(view(ours)).toEqual(view(node));
  });

  it.each([
    ['a name with a space', () => new FetchHeaders({ 'bad name': 'x' })],
    ['an empty name', () => new FetchHeaders([['', 'x']])],
    ['a value with a line break', () => new FetchHeaders({ a: 'x\r\nInjected: 1' })],
    ['a pair of three', () => new FetchHeaders([['a', 'b', 'c']])],
  ])('refuses %s with a TypeError, as Node’s does', (_name, make) => {
    expect(make).toThrow(TypeError);
  });

  it('is given to Node’s own classes as any headers init', () => {
    const response = new Response('x', { headers: new FetchHeaders({ 'X-Multi': 'a', 'content-type': 'text/x' }) });
    expect(response.headers.get('x-multi')).toBe('a');
    expect(response.headers.get('content-type')).toBe('text/x');
  });
});

describe('a remote call in a fresh process', () => {
  const server = useProviderServer({ apiKey: 'k', respond: () => ({ text: 'fix: answered' }) });

  const probe = async (mode: 'fresh' | 'loaded') => {
    const result = await runProcess(process.execPath, ['--import', 'tsx', PROBE, server().url, mode], {
      cwd: PROJECT_ROOT,
      env: process.env,
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as { answers: string[]; undici: boolean; ownHeaders: boolean };
  };
  const answers = ['openai', 'openai-compatible', 'anthropic', 'gemini'].flatMap((provider) => [
    `${provider}: fix: answered`,
    `${provider} streamed: fix: answered`,
  ]);

  it('loads none of Node’s undici: every provider, streamed or not, answers through FetchHeaders', async () => {
    expect(await probe('fresh')).toEqual({ answers, undici: false, ownHeaders: true });
  });

  it('keeps Node’s Headers where undici was loaded before, and answers the same', async () => {
    expect(await probe('loaded')).toEqual({ answers, undici: true, ownHeaders: false });
  });
});
