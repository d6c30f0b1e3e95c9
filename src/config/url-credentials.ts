// A URL's user and password kept out of what is printed: `config get base-url`, `config list`, an error naming it.

/**
 * A URL with its credentials hidden (`http://bob:…@host/v1`; a user part alone is often a token: `http://…@host`);
 * text that is not a URL with credentials is returned as it is.
 */
export function maskUrlCredentials(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (url.username === '' && url.password === '') return text;
  const user = url.password === '' ? '…' : url.username;
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${user}${url.password === '' ? '' : ':…'}@`);
}
