// npm test's static checks (lint, format, typecheck) side by side: each is one single-threaded process, so on a
// 2-core machine they take the time of the longest instead of the sum. Each one's output is printed whole when it ends.
import { spawn } from 'node:child_process';
import process from 'node:process';

const CHECKS = ['lint', 'format:check', 'typecheck'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '-s', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ script, code: 1, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ script, code: code ?? 1, output }));
  });
}

const results = await Promise.all(CHECKS.map(run));
for (const { script, code, output } of results) {
  process.stdout.write(`> ${script}: ${code === 0 ? 'ok' : `failed (exit ${code})`}\n${output}`);
}
process.exitCode = results.some((result) => result.code !== 0) ? 1 : 0;
