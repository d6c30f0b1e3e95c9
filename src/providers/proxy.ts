// Which proxy a request goes through: HTTPS_PROXY / HTTP_PROXY (either case), unless NO_PROXY names the host.

function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Whether NO_PROXY (comma- or space-separated: `*`, hosts, `.domain` or `domain` suffixes, optional `:port`) covers the URL. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [name = '', entryPort] = entry
        .toLowerCase()
        .replace(/^\*?\./, '.')
        .split(/:(?=\d+$)/);
      if (entryPort !== undefined && entryPort !== port) return false;
      const bare = name.replace(/^\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** The proxy for this URL, or undefined for a direct connection. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
  if (bypassesProxy(url, variable(env, 'NO_PROXY'))) return undefined;
  const raw =
    url.protocol === 'https:'
      ? (variable(env, 'HTTPS_PROXY') ?? variable(env, 'HTTP_PROXY'))
      : variable(env, 'HTTP_PROXY');
  if (raw === undefined) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}
