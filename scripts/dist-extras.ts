// What the build adds to dist/ beside the bundle: the man page git-ai(1), and the licence notices of the libraries
// bundled into it (read from esbuild's metafile: every package an output file holds code of).
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderManPage } from '../src/cli/man-page.js';

export function writeManPage(dist: string, version: string): void {
  writeFileSync(join(dist, 'git-ai.1'), renderManPage({ version, date: new Date().toISOString().slice(0, 10) }));
}

/** `node_modules/a/…` and `node_modules/@s/b/…` → their package directories, deepest node_modules last. */
function packageDirs(inputs: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) dirs.add(match[1]);
  }
  return [...dirs].sort();
}

const LICENSE_FILE = /^(licen[sc]e|copying|notice)(\.(md|txt))?$/i;

export function writeLicenseNotices(dist: string, root: string): void {
  const metafilePath = join(dist, 'metafile-esm.json');
  const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  rmSync(metafilePath); // a build artefact, not part of the package
  const inputs = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
  const sections: string[] = [];
  for (const dir of packageDirs(inputs)) {
    const full = join(root, dir);
    if (!existsSync(join(full, 'package.json'))) continue;
    const meta = JSON.parse(readFileSync(join(full, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string;
    };
    const files = readdirSync(full).filter((name) => LICENSE_FILE.test(name));
    const texts = files.map((name) => readFileSync(join(full, name), 'utf8').trim());
    sections.push(
      [
        `${meta.name}@${meta.version} (${meta.license ?? 'see below'})`,
        ...(texts.length ? texts : ['(no licence file in the package)']),
      ].join('\n\n'),
    );
  }
  const header = 'git-ai bundles the following libraries into dist/. Their licence notices follow.\n';
  writeFileSync(join(dist, 'THIRD-PARTY-LICENSES.txt'), `${header}\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`);
}
