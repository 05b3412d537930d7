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

  if (statusCode === 404) {
    return DockerErrorCode.ContainerNotFound;
  }
  if (statusCode === 409) {
    return DockerErrorCode.Conflict;
  }
  if (code !== undefined && UNREACHABLE_SOCKET_CODES.has(code)) {
    return DockerErrorCode.EngineUnreachable;
  }

  return DockerErrorCode.EngineError;
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
