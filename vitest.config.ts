import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One worker per core (vitest leaves one idle by default: half the machine on a 2-core CI runner). Most of an
    // end-to-end test's time is a child process (git, the built CLI), so the workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker runs its files one after another in one process, the modules they import loaded once: no new process
    // and module graph per file (a third of the unit tests' CPU). The tests keep no state in shared modules.
    isolate: false,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
