// Loads the repository's commitlint configuration with commitlint's own loader, and lints with its own rules,
// exactly as the `commitlint` CLI does (same seed, parser options, plugins and ignores).
//
// Whose copy runs: the repository's install decides the version. When it is the major version git-ai bundles (the same
// rules), the bundled chunk runs, as it imports in ~0.12 s where the repository's ~300 files take ~0.95 s (README);
// the repository's own copy runs for another major, for a TypeScript config (the bundle leaves out TypeScript), and
// when the bundled linter does not know one of the configured rules.
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintOptions, LintOutcome, QualifiedConfig, QualifiedRules, UserConfig } from '@commitlint/types';
import { resolveRepositoryPackage, type InstalledPackage } from './resolve.js';

type LoadFunction = (seed?: UserConfig, options?: { cwd?: string; file?: string }) => Promise<QualifiedConfig>;
type LintFunction = (message: string, rules?: QualifiedRules, options?: LintOptions) => Promise<LintOutcome>;
type Source = 'repository' | 'bundled';

export interface Commitlint {
  /** The configuration file that was found. */
  configPath: string;
  /** Whose copy of @commitlint/load and @commitlint/lint ran: the repository's install, or the one bundled with git-ai. */
  source: { load: Source; lint: Source };
  rules: QualifiedRules;
  /** Lints a message as `commitlint` would; commentChar strips git's comment lines (as `commitlint --edit` does). */
  lint(message: string, options?: { commentChar?: string }): Promise<LintOutcome>;
}

/** The configuration exists but commitlint could not load it (a syntax error, an `extends` that is not installed). */
export class CommitlintLoadError extends Error {
  override readonly name = 'CommitlintLoadError';
}

/** A module's default export, whether it was written as ESM or as CommonJS (`exports.default`). */
function defaultExport<T>(module: unknown): T | undefined {
  let value = (module as { default?: unknown }).default ?? module;
  if (typeof value !== 'function' && value !== null && typeof value === 'object' && 'default' in value)
    value = (value as { default: unknown }).default;
  return typeof value === 'function' ? (value as T) : undefined;
}

async function importInstalled<T>(installed: InstalledPackage | undefined): Promise<T | undefined> {
  if (!installed) return undefined;
  return defaultExport<T>(await import(pathToFileURL(installed.entry).href).catch(() => undefined));
}

const major = (version: string): string => version.split('.', 1)[0] ?? '';

function parserOptsOf(config: QualifiedConfig): Record<string, unknown> {
  const preset = config.parserPreset as { parserOpts?: unknown } | undefined;
  return typeof preset === 'object' &&
    preset !== null &&
    typeof preset.parserOpts === 'object' &&
    preset.parserOpts !== null
    ? (preset.parserOpts as Record<string, unknown>)
    : {};
}

function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

export async function loadCommitlint(options: { cwd: string; configPath: string }): Promise<Commitlint> {
  const from = dirname(options.configPath);
  const [installedLoad, installedLint, bundled] = await Promise.all([
    resolveRepositoryPackage('@commitlint/load', from),
    resolveRepositoryPackage('@commitlint/lint', from),
    import('./bundled.js'),
  ]);
  const typescript = /\.[cm]?ts$/.test(options.configPath);
  const repoLoad =
    installedLoad && (typescript || major(installedLoad.version) !== major(bundled.version))
      ? await importInstalled<LoadFunction>(installedLoad)
      : undefined;
  let repoLint =
    installedLint && major(installedLint.version) !== major(bundled.version)
      ? await importInstalled<LintFunction>(installedLint)
      : undefined;
  let config: QualifiedConfig;
  try {
    config = await (repoLoad ?? bundled.load)({}, { cwd: options.cwd });
  } catch (error) {
    throw new CommitlintLoadError(`commitlint could not load ${options.configPath}: ${describeError(error)}`, {
      cause: error,
    });
  }
  const lintOptions: LintOptions = {
    parserOpts: parserOptsOf(config),
    plugins: config.plugins ?? {},
    ignores: config.ignores ?? [],
    defaultIgnores: config.defaultIgnores !== false,
  };
  const run = async (message: string, extra?: { commentChar?: string }): Promise<LintOutcome> => {
    const opts = extra?.commentChar
      ? { ...lintOptions, parserOpts: { ...lintOptions.parserOpts, commentChar: extra.commentChar } }
      : lintOptions;
    try {
      return await (repoLint ?? bundled.lint)(message, config.rules, opts);
    } catch (error) {
      // A rule added after the bundled version: the repository's own linter knows it.
      if (repoLint || !installedLint || !/invalid rule name/i.test(describeError(error))) throw error;
      repoLint = await importInstalled<LintFunction>(installedLint);
      if (!repoLint) throw error;
      commitlint.source.lint = 'repository';
      return repoLint(message, config.rules, opts);
    }
  };
  const commitlint: Commitlint = {
    configPath: options.configPath,
    source: { load: repoLoad ? 'repository' : 'bundled', lint: repoLint ? 'repository' : 'bundled' },
    rules: config.rules,
    lint: run,
  };
  return commitlint;
}
