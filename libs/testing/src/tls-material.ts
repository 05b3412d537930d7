import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders like DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) made by makeTlsMaterial. */
export interface TlsMaterial {
  /** The client's folder, signed by the CA whose ca.pem it holds. */
  readonly clientFolder: string;

  /** The server's certificate and key, for a TLS server in a test. */
  readonly serverCert: string;
  readonly serverKey: string;
  readonly caFile: string;
}

/**
 * A throwaway CA under `root`, a server certificate for `serverAddress` and a
 * client certificate, made with openssl (P-256 keys, one day): what a test
 * needs to talk to, or stand in for, an engine started with --tlsverify.
 */
export function makeTlsMaterial(root: string, serverAddress = '127.0.0.1'): TlsMaterial {
  const clientFolder = join(root, 'client');
  mkdirSync(clientFolder, { recursive: true });
  const file = (name: string) => join(root, name);

  openssl(
    'req',
    '-x509',
    ...newKey(file('ca-key.pem')),
    '-out',
    file('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=hms test CA',
  );
  sign(root, 'server', `subjectAltName=IP:${serverAddress}\nextendedKeyUsage=serverAuth`);
  sign(root, 'client', 'extendedKeyUsage=clientAuth');
  openssl('x509', '-in', file('ca.pem'), '-out', join(clientFolder, 'ca.pem'));
  openssl('x509', '-in', file('client-cert.pem'), '-out', join(clientFolder, 'cert.pem'));
  openssl('pkey', '-in', file('client-key.pem'), '-out', join(clientFolder, 'key.pem'));

  return {
    clientFolder,
    serverCert: file('server-cert.pem'),
    serverKey: file('server-key.pem'),
    caFile: file('ca.pem'),
  };
}

function newKey(keyFile: string): string[] {
  return [
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
  ];
}

function sign(root: string, name: string, extensions: string): void {
  const file = (suffix: string) => join(root, `${name}${suffix}`);
  const extensionsFile = file('.ext');

  openssl(
    'req',
    '-new',
    ...newKey(file('-key.pem')),
    '-out',
    file('.csr'),
    '-subj',
    `/CN=hms test ${name}`,
  );
  writeFileSync(extensionsFile, extensions);
  openssl(
    'x509',
    '-req',
    '-in',
    file('.csr'),
    '-CA',
    join(root, 'ca.pem'),
    '-CAkey',
    join(root, 'ca-key.pem'),
    '-set_serial',
    String(Date.now()),
    '-days',
    '1',
    '-extfile',
    extensionsFile,
    '-out',
    file('-cert.pem'),
  );
}

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
