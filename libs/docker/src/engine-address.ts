import type { DockerOptions } from 'dockerode';

import { DockerError, DockerErrorCode } from './docker-error';
import type { EngineTls } from './engine-tls';

/** Where the engine listens, as dockerode wants it. */
export type EngineAddress =
  | { readonly socketPath: string }
  | {
      readonly host: string;
      readonly port: number;
      readonly protocol: 'http' | 'https';

      /** For an engine started with --tlsverify: our CA and client certificate. */
      readonly tls?: EngineTls;
    };

/**
 * Reads an engine address the way DOCKER_HOST is written: a socket path
 * (`/var/run/docker.sock`), `unix:///path`, `tcp://host:port` or
 * `http(s)://host:port`. With `tls` (from readEngineTls), a tcp:// or
 * https:// address is reached over TLS with those files, as the docker CLI
 * does with --tlsverify and DOCKER_CERT_PATH.
 */
export function parseEngineAddress(text: string, tls?: EngineTls): EngineAddress {
  const trimmed = text.trim();
  if (tls !== undefined) {
    requireTlsCapable(trimmed);
  }

  if (trimmed.startsWith('/')) {
    return { socketPath: trimmed };
  }
  if (trimmed.startsWith('unix://')) {
    return socketFromUrl(trimmed);
  }

  const address = hostFromUrl(trimmed);

  return tls === undefined ? address : { ...address, protocol: 'https', tls };
}

/**
 * Throws unless TLS can apply to the address: a tcp:// or https:// URL.
 * Lets a caller refuse a contradiction before it reads any TLS file.
 */
export function requireTlsCapable(text: string): void {
  const trimmed = text.trim();

  if (trimmed.startsWith('/') || trimmed.startsWith('unix://')) {
    throw invalid(
      text,
      'TLS applies to tcp:// engines only; a unix socket is protected by its file permissions',
    );
  }
  if (trimmed.startsWith('http://')) {
    throw invalid(
      text,
      'http:// means no TLS; give tcp://host:port or https://host:port',
    );
  }
  hostFromUrl(trimmed);
}

/** Options for dockerode; `timeoutMs` bounds each request (not the events stream). */
export function dockerodeOptions(
  address: EngineAddress,
  timeoutMs?: number,
): DockerOptions {
  const timeout = timeoutMs === undefined ? {} : { timeout: timeoutMs };
  if ('socketPath' in address) {
    return { socketPath: address.socketPath, ...timeout };
  }

  const { host, port, protocol, tls } = address;
  const credentials =
    tls === undefined ? {} : { ca: tls.ca, cert: tls.cert, key: tls.key };

  return { host, port, protocol, ...credentials, ...timeout };
}

/** For log lines and messages; never shows the TLS material, only where it came from. */
export function describeEngineAddress(address: EngineAddress): string {
  if ('socketPath' in address) {
    return `unix://${address.socketPath}`;
  }

  const url = `${address.protocol}://${address.host}:${address.port}`;

  return address.tls === undefined ? url : `${url} (TLS, ${address.tls.certPath})`;
}

function socketFromUrl(text: string): EngineAddress {
  const socketPath = text.slice('unix://'.length);
  if (!socketPath.startsWith('/')) {
    throw invalid(
      text,
      'a unix socket address needs an absolute path: unix:///run/docker.sock',
    );
  }

  return { socketPath };
}

function hostFromUrl(text: string): EngineAddress {
  const match = /^(tcp|http|https):\/\/([^/:]+):(\d{1,5})\/?$/.exec(text);
  if (match === null) {
    throw invalid(
      text,
      'expected a socket path, unix:///path, tcp://host:port or http(s)://host:port',
    );
  }

  const [, scheme, host, portText] = match;
  const port = Number(portText);
  if (port < 1 || port > 65535) {
    throw invalid(text, `port ${port} is outside 1-65535`);
  }

  return { host, port, protocol: scheme === 'https' ? 'https' : 'http' };
}

function invalid(text: string, detail: string): DockerError {
  return new DockerError(
    DockerErrorCode.InvalidAddress,
    { operation: `reading engine address "${text}"` },
    detail,
  );
}
