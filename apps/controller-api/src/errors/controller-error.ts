import { ReplyErrorCode } from '@hms/contracts';

/** Stable codes an API client can match on; the exception filter maps each to an HTTP status. */
export const ControllerErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  BodyNotAllowed: 'BODY_NOT_ALLOWED',
  BodyNotJson: 'BODY_NOT_JSON',
  HostNotFound: 'HOST_NOT_FOUND',
  ContainerNotFound: 'CONTAINER_NOT_FOUND',

  /** A manager refused the command as invalid (INVALID_COMMAND). */
  CommandInvalid: 'COMMAND_INVALID',

  /** A manager refused the command: it conflicts with the container's or host's state. */
  ManagerRejected: 'MANAGER_REJECTED',

  /** A manager failed while carrying the command out (INTERNAL, or no code). */
  ManagerFailed: 'MANAGER_FAILED',
  ManagerReplyInvalid: 'MANAGER_REPLY_INVALID',
  ManagerSilent: 'MANAGER_SILENT',

  /** The desired configuration could not be written to the database. */
  DesiredStateNotSaved: 'DESIRED_STATE_NOT_SAVED',

  /** Deploying a manager: the host's Docker engine did not answer. */
  EngineUnreachable: 'ENGINE_UNREACHABLE',

  /** Deploying a manager: the TLS handshake with the host's engine failed (CA, client certificate). */
  EngineTlsFailed: 'ENGINE_TLS_FAILED',

  /** Deploying a manager: its image is on neither the host nor the controller's engine, or did not load. */
  ManagerImageUnavailable: 'MANAGER_IMAGE_UNAVAILABLE',

  /** Deploying a manager: its container could not be created or started. */
  ManagerStartFailed: 'MANAGER_START_FAILED',

  /** Deploying a manager on a host whose live manager the controller did not deploy. */
  HostManagedElsewhere: 'HOST_MANAGED_ELSEWHERE',

  /** Deploying a manager through an engine that already runs another host's manager. */
  EngineServesAnotherHost: 'ENGINE_SERVES_ANOTHER_HOST',
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

export class BodyNotJsonError extends ControllerError {
  constructor(method: string, path: string, contentType: string | undefined) {
    super(
      ControllerErrorCode.BodyNotJson,
      `${method} ${path} takes a JSON body, not ${contentType ?? 'one without a Content-Type'}; ` +
        "send it with 'Content-Type: application/json'",
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

/**
 * The code of a manager's refusal decides whose problem it is: the operator's
 * (an invalid command, a container the host does not have, a conflict with
 * its state) or the manager's own failure.
 */
const CODE_BY_REFUSAL: Readonly<Record<ReplyErrorCode, ControllerErrorCode>> = {
  [ReplyErrorCode.InvalidCommand]: ControllerErrorCode.CommandInvalid,
  [ReplyErrorCode.UnknownContainer]: ControllerErrorCode.ContainerNotFound,
  [ReplyErrorCode.Conflict]: ControllerErrorCode.ManagerRejected,
  [ReplyErrorCode.Internal]: ControllerErrorCode.ManagerFailed,
};

/** A manager answered `error`, with the code of its reply. */
export class ManagerRefusedError extends ControllerError {
  constructor(
    readonly refusal: ReplyErrorCode,
    message: string,
    details?: string[],
  ) {
    super(CODE_BY_REFUSAL[refusal], message, details);
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

/** The database did not take a change of the desired configuration. */
export class DesiredStateNotSavedError extends ControllerError {
  constructor(consequence: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);

    super(
      ControllerErrorCode.DesiredStateNotSaved,
      `The desired configuration could not be saved: ${reason}; ${consequence}`,
    );
  }
}
