// Which proxy a request goes through: HTTPS_PROXY / HTTP_PROXY (either case), unless NO_PROXY names the host.
import { BlockList, isIP } from 'node:net';

function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** One NO_PROXY entry as host (lower case, no brackets) and optional port: `[::1]:8080`, a bare `::1`, `host:443`. */
function readEntry(entry: string): { name: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? '', ...(bracketed[2] ? { port: bracketed[2] } : {}) };
  // Two colons or more: an IPv6 address (with a /prefix maybe), which has no port unless bracketed.
  if ((entry.match(/:/g) ?? []).length > 1) return { name: entry };
  const [name = '', port] = entry.split(/:(?=\d+$)/);
  return { name, ...(port === undefined ? {} : { port }) };
}

/** Whether the address `host` lies in the CIDR block `name` (`10.0.0.0/8`, `fd00::/8`), as curl reads NO_PROXY. */
function inBlock(host: string, name: string): boolean {
  const [network = '', bits = ''] = name.split('/');
  const family = isIP(network);
  if (family === 0 || isIP(host) !== family || !/^\d+$/.test(bits)) return false;
  const block = new BlockList();
  try {
    block.addSubnet(network, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false; // a prefix longer than the address
  }
  return block.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether NO_PROXY covers the URL, as curl, npm and undici read it: comma- or space-separated `*`, hosts, `.domain`
 * or `domain` suffixes (`*.domain` too), IP addresses (IPv6 bare or in brackets), CIDR blocks, each with an optional
 * `:port`.
 */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const { name, port: entryPort } = readEntry(entry.toLowerCase().replace(/^\*?\./, '.'));
      if (entryPort !== undefined && entryPort !== port) return false;
      if (name.includes('/')) return inBlock(host, name);
      const bare = name.replace(/^\./, '');
      if (isIP(bare) !== 0) return isIP(host) !== 0 && sameAddress(host, bare);
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** Two spellings of one address (`::1` and `0:0:0:0:0:0:0:1`). */
function sameAddress(a: string, b: string): boolean {
  const family = isIP(a);
  if (family !== isIP(b)) return false;
  const block = new BlockList();
  block.addAddress(b, family === 4 ? 'ipv4' : 'ipv6');
  return block.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * A proxy variable git-ai cannot use: not a URL, or a scheme it does not speak (socks5://, https://). Its message
 * names the variable and at most the scheme and host, never a user or password; it is not retried.
 */
export class ProxyUrlError extends Error {
  override readonly name = 'ProxyUrlError';
}

/** The proxy for this URL, or undefined for a direct connection; a ProxyUrlError for one that cannot be used. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
  if (bypassesProxy(url, variable(env, 'NO_PROXY'))) return undefined;
  const names = url.protocol === 'https:' ? ['HTTPS_PROXY', 'HTTP_PROXY'] : ['HTTP_PROXY'];
  const name = names.find((candidate) => variable(env, candidate) !== undefined);
  const raw = name === undefined ? undefined : variable(env, name);
  if (name === undefined || raw === undefined) return undefined;
  const shown = env[name.toLowerCase()] === undefined ? name : name.toLowerCase();
  let proxy: URL;
  try {
    proxy = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw new ProxyUrlError(`${shown} is not a URL (http://host:port)`);
  }
  if (proxy.protocol !== 'http:')
    throw new ProxyUrlError(
      `${shown} names ${proxy.protocol}//${proxy.host}, a proxy git-ai does not speak to: give an http:// one`,
    );
  try {
    proxyAuthorization(proxy);
  } catch {
    throw new ProxyUrlError(`${shown} has a % in its user or password that starts no escape: write it as %25`);
  }
  return proxy;
}

/** The Proxy-Authorization header for the proxy URL's user and password (percent-decoded), if it has a user. */
export function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}
