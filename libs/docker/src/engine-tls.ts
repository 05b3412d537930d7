import { X509Certificate, createPrivateKey, KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

import { DockerError, DockerErrorCode } from './docker-error';

/**
 * What a client of an engine started with `dockerd --tlsverify` needs: the CA
 * that signed the engine's certificate, and a client certificate with its key
 * signed by a CA the engine trusts. PEM text, as Node's TLS takes it.
 */
export interface EngineTls {
  /** The folder they were read from, for messages. */
  readonly certPath: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** The files of a folder like DOCKER_CERT_PATH, named as the docker CLI names them. */
export const ENGINE_TLS_FILES = ['ca.pem', 'cert.pem', 'key.pem'] as const;

type TlsFileName = (typeof ENGINE_TLS_FILES)[number];

/**
 * Reads and checks the TLS material of a DOCKER_CERT_PATH-like folder: the
 * three files exist and are readable, are PEM, the key is unencrypted and
 * belongs to the certificate, and neither certificate has expired. Every
 * failure is a DockerError with code INVALID_TLS saying what to fix, so a
 * caller can refuse bad input before it connects to anything.
 */
export async function readEngineTls(certPath: string): Promise<EngineTls> {
  await requireFolder(certPath);
  const files = await readTlsFiles(certPath);

  const ca = parseCertificate(certPath, 'ca.pem', files['ca.pem']);
  const cert = parseCertificate(certPath, 'cert.pem', files['cert.pem']);
  const key = parsePrivateKey(certPath, files['key.pem']);
  if (!cert.checkPrivateKey(key)) {
    throw invalidTls(certPath, 'key.pem is not the private key of cert.pem');
  }
  requireCurrent(certPath, 'ca.pem', ca);
  requireCurrent(certPath, 'cert.pem', cert);

  return {
    certPath,
    ca: files['ca.pem'],
    cert: files['cert.pem'],
    key: files['key.pem'],
  };
}

async function requireFolder(certPath: string): Promise<void> {
  if (!isAbsolute(certPath)) {
    throw invalidTls(certPath, 'the folder must be given as an absolute path');
  }

  const found = await stat(certPath).catch((error: NodeJS.ErrnoException) => {
    throw invalidTls(certPath, describeFileError(error, 'the folder'));
  });
  if (!found.isDirectory()) {
    throw invalidTls(
      certPath,
      'this is a file, not a folder holding ca.pem, cert.pem and key.pem',
    );
  }
}

/** Reads all three, so that one answer lists every missing or unreadable file. */
async function readTlsFiles(certPath: string): Promise<Record<TlsFileName, string>> {
  const problems: string[] = [];
  const contents = await Promise.all(
    ENGINE_TLS_FILES.map((name) =>
      readFile(join(certPath, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
        problems.push(describeFileError(error, name));

        return '';
      }),
    ),
  );

  if (problems.length > 0) {
    throw invalidTls(
      certPath,
      `${problems.join('; ')} (the folder must hold ca.pem, cert.pem and key.pem, ` +
        'as DOCKER_CERT_PATH does)',
    );
  }

  const [ca, cert, key] = contents;

  return { 'ca.pem': ca, 'cert.pem': cert, 'key.pem': key };
}

function parseCertificate(
  certPath: string,
  name: TlsFileName,
  pem: string,
): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw invalidTls(certPath, `${name} is not a PEM certificate`);
  }
}

function parsePrivateKey(certPath: string, pem: string): KeyObject {
  // Node cannot ask for a passphrase; its error then only says "interrupted".
  if (/BEGIN ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(pem)) {
    throw invalidTls(
      certPath,
      'key.pem is encrypted; give an unencrypted key, as dockerd and the docker CLI need',
    );
  }

  try {
    return createPrivateKey(pem);
  } catch {
    throw invalidTls(certPath, 'key.pem is not a PEM private key');
  }
}

function requireCurrent(
  certPath: string,
  name: TlsFileName,
  certificate: X509Certificate,
): void {
  const now = Date.now();

  if (Date.parse(certificate.validTo) < now) {
    throw invalidTls(certPath, `${name} expired on ${certificate.validTo}`);
  }
  if (Date.parse(certificate.validFrom) > now) {
    throw invalidTls(certPath, `${name} is valid only from ${certificate.validFrom}`);
  }
}

function describeFileError(error: NodeJS.ErrnoException, what: string): string {
  switch (error.code) {
    case 'ENOENT':
      return `${what} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `${what} is not readable by the user this process runs as (uid ${process.getuid?.() ?? '?'})`;
    case 'EISDIR':
      return `${what} is a folder, not a file`;
    default:
      return `${what} cannot be read (${error.code ?? error.message})`;
  }
}

function invalidTls(certPath: string, detail: string): DockerError {
  return new DockerError(
    DockerErrorCode.InvalidTls,
    { operation: `reading the engine's TLS files in "${certPath}"` },
    detail,
  );
}
