// A V8 code cache for the commands chunk, on every Node version: Node 22.1+'s own compile cache (src/cli/entry.ts,
// for the other chunks) holds only what was compiled before a module ran. The build (scripts/code-cache-plugin.ts) turns the chunk into CommonJS beside a stub
// that imports its dependencies and calls loadWithCodeCache; this compiles it with vm.Script and the cached data of
// an earlier run, and after a run without usable data writes the data of every function the run compiled, at exit.
// The data lives in `<cache dir>/code/` (0600 files in 0700 directories, like the answers), keyed by the chunk's
// name (esbuild's content hash), its size, the Node version and V8's tag for its version and flags. Any failure to
// read or write it is silent: the chunk is compiled from its source as without a cache.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedDataVersionTag, setFlagsFromString } from 'node:v8';
import vm from 'node:vm';
import { resolveCacheDir } from '../cache/paths.js';
import { makeDirsSync } from '../fs/make-dirs.js';

const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/** The file the chunk's data is kept in: a change of chunk, Node or V8 flags is another file. */
export function codeCachePath(cacheDir: string, chunkPath: string, size: number): string {
  const tag = `${process.version}-${process.arch}-${cachedDataVersionTag().toString(16)}`;
  return join(cacheDir, 'code', `${basename(chunkPath)}-${size}-${tag}.bin`);
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function writeCache(path: string, data: Buffer): void {
  const dir = join(path, '..');
  makeDirsSync(dir, PRIVATE_DIR_MODE);
  if ((statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw error;
  }
}

/**
 * Runs the CommonJS body at `bodyUrl` (`function (require, module, exports, __importMetaUrl, __import)`) with the
 * modules it imports (`deps`, by specifier) and returns its exports. `metaUrl` is the stub's import.meta.url, and
 * `dynamicImport` its `import()` (the body's `import()`s are rewritten to it: vm.Script's own needs a Node flag).
 */
export function loadWithCodeCache(
  bodyUrl: URL,
  deps: Record<string, unknown>,
  metaUrl: string,
  dynamicImport: (specifier: string) => Promise<unknown>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, unknown> {
  // V8 rejects data made under other flags than the compiling process has, and the data is made at exit, after
  // main.ts set this one: set before compiling too, or every run would reject the last one's data and write anew.
  setFlagsFromString('--no-allocation-site-pretenuring');
  const bodyPath = fileURLToPath(bodyUrl);
  const source = readFileSync(bodyPath, 'utf8');
  let cachePath: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    cachePath = codeCachePath(resolveCacheDir(env), bodyPath, source.length);
    cachedData = readCache(cachePath);
  } catch {
    cachePath = undefined;
  }
  const script = new vm.Script(source, {
    filename: bodyPath,
    cachedData,
  });
  if (cachePath !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    const path = cachePath;
    process.once('exit', () => {
      try {
        writeCache(path, script.createCachedData());
      } catch {
        // an unwritable cache directory: the next run compiles from the source again
      }
    });
  }
  const nodeRequire = createRequire(metaUrl);
  const require = (specifier: string): unknown =>
    Object.hasOwn(deps, specifier) ? deps[specifier] : nodeRequire(specifier);
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(require, module, module.exports, metaUrl, dynamicImport);
  return module.exports;
}
