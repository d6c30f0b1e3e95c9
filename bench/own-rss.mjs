// Preloaded into a measured CLI run: writes the process's own peak RSS (KB) and CPU time (ms, user + system), worker
// threads included and git's processes not, at exit.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.BENCH_RSS_FILE;
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `${usage.maxRSS} ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
  });
