// Path helpers for wording and scope matching; what a path is (its role) comes from src/diff/classify.ts.

/** Path segments worth matching against scope names: directories and the file stem. */
export function pathTokens(path: string): string[] {
  const parts = path.split('/');
  const file = parts.pop() ?? '';
  const stem = file.replace(/(\.(spec|test|test-d|d|bench|e2e))?\.[\w]+$/, '');
  return [...parts, stem].filter((part) => part.length > 0);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function fileStem(path: string): string {
  return baseName(path).replace(/(\.(spec|test|test-d|d|bench|e2e|stories))?\.\w+$/, '');
}
