// The known pieces of src/tokens/bound.ts, read as the JSON they are (o200k-pieces.json, which the build puts beside
// the bundle's chunks): JSON.parse takes ~7 ms of CPU where compiling the same list as a bundled module took ~21 ms
// (Node 20, 35,193 strings; the four-file case of `npm run bench:e2e` loads them).
import { readFile } from 'node:fs/promises';

const FILE = new URL('./o200k-pieces.json', import.meta.url);

export async function readKnownPieces(): Promise<string[]> {
  return JSON.parse(await readFile(FILE, 'utf8')) as string[];
}
