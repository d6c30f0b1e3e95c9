import { describe, expect, it } from 'vitest';
import { branchFromHead, ticketFromBranch } from '../../../src/rules/tickets/branch.js';

describe('ticketFromBranch', () => {
  it.each([
    ['feature/PROJ-123-login', { id: 'PROJ-123', kind: 'key' }],
    ['PROJ-7', { id: 'PROJ-7', kind: 'key' }],
    ['bugfix/AB2-9_crash', { id: 'AB2-9', kind: 'key' }],
    ['fix/456-crash', { id: '456', kind: 'number' }],
    ['456-crash', { id: '456', kind: 'number' }],
    ['issue-12', { id: '12', kind: 'number' }],
    ['gh-78', { id: '78', kind: 'number' }],
    ['user/GH-78-docs', { id: '78', kind: 'number' }],
  ])('%s carries %o', (branch, ticket) => {
    expect(ticketFromBranch(branch)).toEqual(ticket);
  });

  it.each(['main', 'feature/add-2fa', 'release-2', 'v1.2.3', 'fix/login-crash', 'renovate/node-20.x'])(
    '%s carries none',
    (branch) => {
      expect(ticketFromBranch(branch)).toBeUndefined();
    },
  );
});

describe('branchFromHead', () => {
  it('reads the branch of a symbolic HEAD, and nothing of a detached one', () => {
    expect(branchFromHead('ref: refs/heads/feature/PROJ-1-x\n')).toBe('feature/PROJ-1-x');
    expect(branchFromHead('4b825dc642cb6eb9a060e54bf8d69288fbee4904\n')).toBeUndefined();
  });
});
