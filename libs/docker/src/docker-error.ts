/** Stable codes a caller can match on instead of parsing messages. */
export const DockerErrorCode = {
  /** The engine's socket or address does not answer. */
  EngineUnreachable: 'ENGINE_UNREACHABLE',

  /** No container has that ID or name on this engine. */
  ContainerNotFound: 'CONTAINER_NOT_FOUND',

  /** The engine refused because of the container's state (e.g. being removed). */
  Conflict: 'CONFLICT',

  /** The engine address given to DockerEngine cannot be used. */
  InvalidAddress: 'INVALID_ADDRESS',

  /** The TLS files given for an engine are missing, unreadable or do not fit together. */
  InvalidTls: 'INVALID_TLS',

  /** The TLS handshake with the engine failed: its certificate or ours was refused. */
  TlsFailed: 'TLS_FAILED',

  /** The events stream failed or ended. */
  EventStreamFailed: 'EVENT_STREAM_FAILED',

  /** Any other answer of the engine that is not a success. */
  EngineError: 'ENGINE_ERROR',
} as const;

export type DockerErrorCode = (typeof DockerErrorCode)[keyof typeof DockerErrorCode];

/** What the engine was asked to do, for the error message. */
export interface DockerErrorContext {
  readonly operation: string;
  readonly container?: string;
}

/**
 * Every failure of the Docker engine access: the code says what kind, the
 * message names the operation and the container it concerned.
 */
export class DockerError extends Error {
  readonly operation: string;
  readonly container?: string;

  constructor(
    readonly code: DockerErrorCode,
    context: DockerErrorContext,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${describeOperation(context)} failed (${code}): ${detail}`, options);
    this.name = 'DockerError';
    this.operation = context.operation;
    this.container = context.container;
  }
}

/** Turns whatever dockerode or the socket threw into a DockerError. */
export function toDockerError(error: unknown, context: DockerErrorContext): DockerError {
  if (error instanceof DockerError) {
    return error;
  }

  const code = classify(error);
  const detail = errorDetail(error, code);

  return new DockerError(code, context, detail, { cause: error });
}

function describeOperation({ operation, container }: DockerErrorContext): string {
  return container === undefined ? operation : `${operation} of container ${container}`;
}

function classify(error: unknown): DockerErrorCode {
  const { statusCode, code } = (error ?? {}) as { statusCode?: number; code?: string };

  if (speaksPlainHttpToTls(error)) {
    return DockerErrorCode.TlsFailed;
  }
  if (statusCode === 404) {
    return DockerErrorCode.ContainerNotFound;
  }
  if (statusCode === 409) {
    return DockerErrorCode.Conflict;
  }
  if (code !== undefined && UNREACHABLE_SOCKET_CODES.has(code)) {
    return DockerErrorCode.EngineUnreachable;
  }
  if (code !== undefined && tlsProblem(code) !== undefined) {
    return DockerErrorCode.TlsFailed;
  }

  return DockerErrorCode.EngineError;
}

/** dockerd answers a plain HTTP request on its TLS port with a 400 saying so. */
function speaksPlainHttpToTls(error: unknown): boolean {
  const { statusCode } = (error ?? {}) as { statusCode?: number };

  return (
    statusCode === 400 && /HTTP request to an HTTPS server/.test(engineMessage(error))
  );
}

/** Node's codes for a server certificate that ca.pem does not vouch for. */
const SERVER_CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

/**
 * What an operator should check for a failed TLS handshake, from Node's
 * error code; undefined when the code is not about TLS.
 */
function tlsProblem(code: string): string | undefined {
  if (SERVER_CERTIFICATE_CODES.has(code)) {
    return (
      "the engine's certificate is not signed by the given ca.pem (or has expired): " +
      "ca.pem must be the CA that signed the engine's --tlscert"
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return (
      "the engine's certificate does not name the address connected to: " +
      'connect to an address listed in its subjectAltName'
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return 'the engine does not speak TLS on that port: check the port (2376 is TLS by convention)';
  }
  if (/^ERR_SSL_.*ALERT/.test(code)) {
    return (
      'the engine refused our client certificate: cert.pem must be signed by the CA ' +
      "the engine trusts (its --tlscacert), and key.pem must be cert.pem's key"
    );
  }

  return code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')
    ? 'the TLS handshake with the engine failed'
    : undefined;
}

const UNREACHABLE_SOCKET_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'EACCES',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

function errorDetail(error: unknown, code: DockerErrorCode): string {
  const text = engineMessage(error);

  if (code === DockerErrorCode.EngineUnreachable) {
    return `${text}; is dockerd running and is its socket readable by this user?`;
  }
  if (code === DockerErrorCode.TlsFailed) {
    if (speaksPlainHttpToTls(error)) {
      return `the engine listens with TLS there; give its CA and a client certificate (${text})`;
    }
    const errorCode = (error as { code: string }).code;

    return `${tlsProblem(errorCode)} (${errorCode}: ${text})`;
  }

  return text;
}

/** The engine puts its own reason in `json.message`; sockets in `message`. */
function engineMessage(error: unknown): string {
  const { json, message } = (error ?? {}) as {
    json?: { message?: unknown };
    message?: unknown;
  };

  if (typeof json?.message === 'string') {
    return json.message;
  }

  return typeof message === 'string' ? message : String(error);
}
