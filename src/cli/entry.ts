// The binary's entry: turn on V8's on-disk compile cache (Node >= 22.1; absent on 20) before any of the CLI is loaded,
// so every later run skips compiling the modules it needs (~10% of an offline run under Node 24). Node keeps it in
// $TMPDIR/node-compile-cache/<version>-<arch>-<hash>-<uid> (NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE
// turns it off): a directory per user, so a shared /tmp keeps users apart, and where it cannot be created or
// written (a read-only tmp) the cache is off without a word and the run goes on (checked with a TMPDIR that is a
// file). NODE_DEBUG_NATIVE=COMPILE_CACHE shows each bundled chunk read from it.
import module from 'node:module';

declare const __VERSION__: string | undefined;

const [, , only, ...more] = process.argv;
// `--version` answers here, as main would: main loads with every command's own code (tsup.config.ts's lazyGroups),
// which `--version` alone would pay for (CPU 46 vs 61 ms, Node 20).
if ((only === '--version' || only === '-v') && more.length === 0) {
  process.stdout.write(`git-ai/${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev'}\n`);
} else {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  // The hook starts Node without NODE_EXTRA_CA_CERTS (src/git/hook-script.ts): put it back before anything reads it.
  if (process.env.GIT_AI_NODE_EXTRA_CA_CERTS !== undefined)
    (await import('../providers/extra-ca.js')).takeExtraCaHandoff(process.env);
  (await import('./main.js')).runMain(process.argv);
}
