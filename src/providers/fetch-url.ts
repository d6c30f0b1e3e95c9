// The URL a fetch is given. Apart from transport.ts (which loads node:http as it loads), so that the exchange's hooks,
// and `git ai prompt`'s capture through them, load no transport.

/** The URL a fetch is given, read without `instanceof Request` (which would load undici for its class). */
export function urlOf(input: string | URL | Request): URL {
  return new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
}
