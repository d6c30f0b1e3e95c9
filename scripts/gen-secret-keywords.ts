// `node --import tsx scripts/gen-secret-keywords.ts`: writes src/security/secret-keywords.json, each hint the secret
// scanner looks for (SCANNER_HINTS) with the literals keywordsOf expands it to (null: a hint that runs as a regex),
// so that a run's first redaction builds its scanner without parsing the hints. A hint added since is parsed at the
// start as before; test/security/keyword-scan.test.ts fails where a stored entry is no longer keywordsOf's.
import { writeFileSync } from 'node:fs';
import { keywordsOf } from '../src/security/keyword-scan.js';
import { SCANNER_HINTS } from '../src/security/redact.js';

const table = new Map(SCANNER_HINTS.map((hint) => [hint, keywordsOf(hint) ?? null]));
const lines = [...table].map(([hint, words]) => `${JSON.stringify(hint)}: ${JSON.stringify(words)}`);
writeFileSync(new URL('../src/security/secret-keywords.json', import.meta.url), `{\n${lines.join(',\n')}\n}\n`);
process.stdout.write(`${table.size} hints\n`);
