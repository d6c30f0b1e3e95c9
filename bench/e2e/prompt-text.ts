// Reads what a request shows the model: the listing of all changed files, an analysis part's files, the diff's symbols.
import type { NormalizedRequest } from '../../test/support/provider-server.js';

export interface ListedFile {
  /** Its number in an analysis part's list (1 first); 0 in the listing of all files. */
  number?: number;
  path: string;
  oldPath?: string;
  status: string;
  additions: number;
  deletions: number;
}

/** A directory line of a folded listing: `dir/: N files, +a -d` (`./` for the whole tree). */
export interface FoldedDir {
  dir: string;
  files: number;
}

export interface Listing {
  files: ListedFile[];
  folded: FoldedDir[];
}

const LISTING_HEAD = 'All files changed (the whole extent of the change):';
const FILE_LINE = /^([AMDRCT]) (.+?) \((?:binary|\+([\d,]+) -([\d,]+))\)/;
const FOLDED_LINE = /^(.*?): ([\d,]+) files?, \+[\d,]+ -[\d,]+$/;
const PART_LINE = /^(\d+)\. (\S+)(?: \(from (\S+)\))? \((\w[\w-]*), \+(\d+) -(\d+)/;

const toNumber = (text: string | undefined): number => Number.parseInt((text ?? '0').replaceAll(',', ''), 10);

export function requestText(request: NormalizedRequest): string {
  return [request.system, ...request.messages.map((message) => message.content)].join('\n');
}

/** The lines of a section: from its heading to the first blank line. */
function section(text: string, heading: string): string[] {
  const start = text.indexOf(heading);
  if (start === -1) return [];
  const lines = text
    .slice(start + heading.length)
    .split('\n')
    .slice(1);
  const end = lines.findIndex((line) => line.trim() === '');
  return end === -1 ? lines : lines.slice(0, end);
}

export function parseListing(text: string): Listing {
  const listing: Listing = { files: [], folded: [] };
  for (const line of section(text, LISTING_HEAD)) {
    const file = FILE_LINE.exec(line);
    if (file) {
      const [oldPath, path] = file[2]!.includes(' -> ') ? file[2]!.split(' -> ') : [undefined, file[2]!];
      listing.files.push({
        path: path!,
        oldPath,
        status: file[1]!,
        additions: toNumber(file[3]),
        deletions: toNumber(file[4]),
      });
      continue;
    }
    const folded = FOLDED_LINE.exec(line);
    if (folded) listing.folded.push({ dir: folded[1] === './' ? '' : folded[1]!, files: toNumber(folded[2]) });
  }
  return listing;
}

/** Files changed according to the listing (a folded line counts its files). */
export function countListed(listing: Listing): number {
  return listing.files.length + listing.folded.reduce((sum, group) => sum + group.files, 0);
}

/** The files under "Files in this part:" of an analysis request. */
export function parsePartFiles(text: string): ListedFile[] {
  return section(text, 'Files in this part:').flatMap((line) => {
    const match = PART_LINE.exec(line);
    if (!match) return [];
    return [
      {
        number: toNumber(match[1]),
        path: match[2]!,
        oldPath: match[3],
        status: match[4]!,
        additions: toNumber(match[5]),
        deletions: toNumber(match[6]),
      },
    ];
  });
}

/** Names declared on the diff's changed lines, per file (`diff --git a/x b/<path>`), in order of appearance. */
export function symbolsByFile(text: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const header = /^diff --git a\/\S+ b\/(\S+)/.exec(line);
    if (header) {
      current = [];
      found.set(header[1]!, current);
      continue;
    }
    if (
      current === undefined ||
      !(line.startsWith('+') || line.startsWith('-')) ||
      line.startsWith('+++') ||
      line.startsWith('---')
    )
      continue;
    const declared =
      /\b(?:function|interface|class|type)\s+([A-Za-z_]\w*)/.exec(line) ?? /\bconst\s+([A-Za-z_]\w*)\s*=/.exec(line);
    if (declared && !current.includes(declared[1]!)) current.push(declared[1]!);
  }
  return found;
}
