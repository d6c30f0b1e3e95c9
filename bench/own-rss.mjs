/* global process -- the global one, on purpose: see below */
// Preloaded into a measured CLI run: writes the process's own peak RSS (KB) and CPU time (ms, user + system), worker
// threads included and git's processes not, at exit. The global process and process.getBuiltinModule rather than ESM
// imports of node:fs and node:process, whose facades cost the measured run ~5 ms of CPU (see e2e/cpu-at-exit.mjs).
const file = process.env.BENCH_RSS_FILE;
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    process
      .getBuiltinModule('node:fs')
      .writeFileSync(file, `${usage.maxRSS} ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
  });
