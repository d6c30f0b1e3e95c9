/* global process -- the global one, on purpose: see below */
// Loaded into the measured CLI (`--import`, in NODE_OPTIONS when it runs through its launcher): at exit it writes the process's own CPU time (user + system, its
// git children not included) to GIT_AI_BENCH_CPU_FILE. On a machine other sessions share, CPU time moves far less
// with the load than wall time does, so it is the steadier figure of git-ai's own work.
// The global process and process.getBuiltinModule, not `import ... from 'node:fs' / 'node:process'`: those ESM
// imports build facades that read every export (process.stdin, fs.ReadStream...), ~5 ms of CPU the CLI itself does
// not spend, which this instrument added to every figure it measured.
const file = process.env.GIT_AI_BENCH_CPU_FILE;
if (file) {
  delete process.env.GIT_AI_BENCH_CPU_FILE; // not passed on to git
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    process.getBuiltinModule('node:fs').writeFileSync(file, String((user + system) / 1000));
  });
}
