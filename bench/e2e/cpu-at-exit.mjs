// Loaded into the measured CLI (`node --import`): at exit it writes the process's own CPU time (user + system, its
// git children not included) to GIT_AI_BENCH_CPU_FILE. On a machine other sessions share, CPU time moves far less
// with the load than wall time does, so it is the steadier figure of git-ai's own work.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.GIT_AI_BENCH_CPU_FILE;
if (file) {
  delete process.env.GIT_AI_BENCH_CPU_FILE; // not passed on to git
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, String((user + system) / 1000));
  });
}
