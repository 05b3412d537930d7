/** Stable codes an API client can match on; the exception filter maps each to an HTTP status. */
export const ControllerErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  BodyNotAllowed: 'BODY_NOT_ALLOWED',
  HostNotFound: 'HOST_NOT_FOUND',
  ContainerNotFound: 'CONTAINER_NOT_FOUND',
  ManagerRejected: 'MANAGER_REJECTED',
  ManagerReplyInvalid: 'MANAGER_REPLY_INVALID',
  ManagerSilent: 'MANAGER_SILENT',
} as const;

export type ControllerErrorCode =
  (typeof ControllerErrorCode)[keyof typeof ControllerErrorCode];

/** Every failure the controller explains to its caller carries a code and the context. */
export class ControllerError extends Error {
  constructor(
    readonly code: ControllerErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends ControllerError {
  constructor(details: string[]) {
    super(
      ControllerErrorCode.InvalidInput,
      `Invalid request: ${details.join('; ')}`,
      details,
    );
  }
}

export class BodyNotAllowedError extends ControllerError {
  constructor(method: string, path: string) {
    super(
      ControllerErrorCode.BodyNotAllowed,
      `${method} ${path} takes no request body; pass its parameters in the path or query`,
    );
  }
}

export class HostNotFoundError extends ControllerError {
  constructor(readonly address: string) {
    super(
      ControllerErrorCode.HostNotFound,
      `No host ${address} is known; PUT /containers/${address} adds it`,
    );
  }
}

export class ContainerNotFoundError extends ControllerError {
  constructor(address: string, containerRef: string) {
    super(
      ControllerErrorCode.ContainerNotFound,
      `No container "${containerRef}" on host ${address}; ` +
        `GET /containers/${address} lists its containers (short ID, full ID or name)`,
    );
  }
}

/** A manager answered `error`; nothing was changed on its host. */
export class ManagerRejectedError extends ControllerError {
  constructor(message: string, details?: string[]) {
    super(ControllerErrorCode.ManagerRejected, message, details);
  }
}

/** A manager answered something that is not a valid reply. */
export class ManagerReplyInvalidError extends ControllerError {
  constructor(address: string, command: string, reason: string) {
    super(
      ControllerErrorCode.ManagerReplyInvalid,
      `Manager of ${address} answered ${command} with an invalid reply (${reason}); ` +
        `check that it runs the same protocol version as the controller`,
    );
  }
}

/** One or more managers did not answer within the RPC timeout. */
export class ManagerSilentError extends ControllerError {
  constructor(
    readonly addresses: string[],
    command: string,
    timeoutMs: number,
    consequence: string,
  ) {
    super(
      ControllerErrorCode.ManagerSilent,
      `No answer to ${command} from the manager of ${addresses.join(', ')} ` +
        `within ${timeoutMs} ms; ${consequence}`,
    );
  }
}
