import type { DockerOptions } from 'dockerode';

import { DockerError, DockerErrorCode } from './docker-error';

/** Where the engine listens, as dockerode wants it. */
export type EngineAddress =
  | { readonly socketPath: string }
  | { readonly host: string; readonly port: number; readonly protocol: 'http' | 'https' };

/**
 * Reads an engine address the way DOCKER_HOST is written: a socket path
 * (`/var/run/docker.sock`), `unix:///path`, `tcp://host:port` or
 * `http(s)://host:port`.
 */
export function parseEngineAddress(text: string): EngineAddress {
  const trimmed = text.trim();

  if (trimmed.startsWith('/')) {
    return { socketPath: trimmed };
  }
  if (trimmed.startsWith('unix://')) {
    return socketFromUrl(trimmed);
  }

  return hostFromUrl(trimmed);
}

/** Options for dockerode; `timeoutMs` bounds each request (not the events stream). */
export function dockerodeOptions(
  address: EngineAddress,
  timeoutMs?: number,
): DockerOptions {
  return timeoutMs === undefined ? { ...address } : { ...address, timeout: timeoutMs };
}

export function describeEngineAddress(address: EngineAddress): string {
  if ('socketPath' in address) {
    return `unix://${address.socketPath}`;
  }

  return `${address.protocol}://${address.host}:${address.port}`;
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
