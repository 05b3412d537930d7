import { ControllerError, ControllerErrorCode } from '../errors/controller-error';

/** The steps of a deployment, in order; an error names the one that failed. */
export const DeploymentStep = {
  Connect: 'connect to the engine',
  Image: 'provide the manager image',
  Container: 'create and start the manager container',
} as const;

export type DeploymentStep = (typeof DeploymentStep)[keyof typeof DeploymentStep];

type DeploymentErrorCode =
  | typeof ControllerErrorCode.EngineUnreachable
  | typeof ControllerErrorCode.EngineTlsFailed
  | typeof ControllerErrorCode.ManagerImageUnavailable
  | typeof ControllerErrorCode.ManagerStartFailed
  | typeof ControllerErrorCode.HostManagedElsewhere;

const CODE_BY_STEP: Readonly<Record<DeploymentStep, DeploymentErrorCode>> = {
  [DeploymentStep.Connect]: ControllerErrorCode.EngineUnreachable,
  [DeploymentStep.Image]: ControllerErrorCode.ManagerImageUnavailable,
  [DeploymentStep.Container]: ControllerErrorCode.ManagerStartFailed,
};

/**
 * A manager deployment that stopped at one step. Whatever that step created
 * is removed before this is thrown, so the host is left as it was.
 */
export class DeploymentError extends ControllerError {
  /** @param tlsFailure the TLS handshake or the TLS files failed, not the engine itself */
  constructor(
    readonly address: string,
    readonly step: DeploymentStep,
    reason: string,
    remedy: string,
    tlsFailure = false,
  ) {
    super(
      tlsFailure ? ControllerErrorCode.EngineTlsFailed : CODE_BY_STEP[step],
      `Deploying the manager of ${address} failed at "${step}" and left nothing behind. ` +
        `${remedy}. Cause: ${reason}`,
    );
  }
}

/** A live manager that the controller did not start: a second one would double every action. */
export class HostManagedElsewhereError extends ControllerError {
  constructor(address: string) {
    super(
      ControllerErrorCode.HostManagedElsewhere,
      `Host ${address} already has a live manager that this controller did not deploy; ` +
        `stop it, or DELETE /containers/${address} first, then deploy again`,
    );
  }
}

/**
 * An engine is one host's: deploying host B through host A's engine would
 * turn A's manager into B's and leave both hosts wrongly supervised.
 */
export class EngineServesAnotherHostError extends ControllerError {
  constructor(address: string, engine: string, servedHost: string) {
    super(
      ControllerErrorCode.EngineServesAnotherHost,
      `The engine ${engine} already runs the manager of host ${servedHost}; ` +
        `give host ${address}'s own engine, or DELETE /containers/${servedHost} first`,
    );
  }
}
