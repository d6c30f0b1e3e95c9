// The git settings git-ai reads, in one `git config`: its own `ai.*` keys and `format.signOff` (the config layer parses
// them; see config/load.ts). Apart from the config code so that the early start can begin it before zod loads.
import { runGit } from './run-git.js';

/**
 * `git config -z` over system, global and repository files (later lines win), as raw output; empty outside a
 * repository's config or without git.
 */
export function readGitSettings(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return runGit(['config', '-z', '--get-regexp', '^(ai\\.|format\\.signoff$)'], { ...options, okCodes: [1] }).then(
    (result) => result.stdout,
    () => '',
  );
}
