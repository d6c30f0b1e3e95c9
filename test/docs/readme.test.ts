// The README's configuration table is generated from the schema; this keeps the two from drifting apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { renderConfigTable } from '../../src/config/render.js';
import { PROJECT_ROOT } from '../support/temp-repo.js';

it('README.md holds the configuration table generated from the schema', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = /<!-- config-table:start[^>]*-->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme)?.[1];
  expect(section).toBe(renderConfigTable().trim());
});
