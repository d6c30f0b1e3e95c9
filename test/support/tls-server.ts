// A real TLS server on 127.0.0.1 with a self-signed certificate made by openssl: it answers a fixed line, or passes
// each connection through to a plain TCP port (a provider server on http) so that it is reached over https.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:tls';

export interface Certificate {
  /** The certificate's PEM file (what NODE_EXTRA_CA_CERTS would name). */
  certFile: string;
  keyFile: string;
}

/** A self-signed certificate for 127.0.0.1 in `dir` (openssl req -x509). */
export function makeSelfSignedCertificate(dir: string, name: string): Certificate {
  const certFile = join(dir, `${name}.pem`);
  const keyFile = join(dir, `${name}.key`);
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '2',
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr || made.error}`);
  return { certFile, keyFile };
}

export interface TlsServer {
  port: number;
  /** https://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

/** Serves `certificate`; each connection is piped to 127.0.0.1:`forwardTo`, or answered with `hello` and closed. */
export async function startTlsServer(options: { certificate: Certificate; forwardTo?: number }): Promise<TlsServer> {
  const sockets = new Set<Socket>();
  const server = createServer(
    { key: readFileSync(options.certificate.keyFile), cert: readFileSync(options.certificate.certFile) },
    (client) => {
      if (options.forwardTo === undefined) {
        client.end('hello\n');
        return;
      }
      const upstream = connect(options.forwardTo, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      upstream.once('error', () => client.destroy());
      client.once('error', () => upstream.destroy());
    },
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined); // a client that does not trust the certificate hangs up
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
