// A real HTTP proxy on 127.0.0.1: forwards absolute-URI requests (http://) and tunnels CONNECT (https://); records both.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** A URL's host to connect to: an IPv6 literal without its brackets. */
const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

export interface HttpProxy {
  url: string;
  /** `GET http://host/path` for forwarded requests, `CONNECT host:port` for tunnels, in arrival order. */
  seen: string[];
  close(): Promise<void>;
}

/** `credentials` (`user:password`): every request without them as Basic Proxy-Authorization is answered 407. */
export async function startHttpProxy(options: { credentials?: string } = {}): Promise<HttpProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const expected =
    options.credentials === undefined ? undefined : `Basic ${Buffer.from(options.credentials).toString('base64')}`;
  const refused = (req: IncomingMessage) => expected !== undefined && req.headers['proxy-authorization'] !== expected;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    if (refused(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"', 'content-type': 'text/html' });
      res.end('<html><body>Proxy Authentication Required</body></html>');
      return;
    }
    const target = new URL(req.url ?? '');
    const upstream = request(
      {
        host: bare(target.hostname),
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    if (refused(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n');
      return;
    }
    const target = new URL(`http://${req.url ?? ''}`);
    const upstream = connect(Number(target.port || 443), bare(target.hostname), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => client.destroy());
    client.once('error', () => upstream.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
