import { ControllerError, ControllerErrorCode } from '../errors/controller-error';

/*
 * The antagonist's failures reuse the controller's codes (and so their HTTP
 * statuses): a refusal is a 409, an invalid reply a 502, silence a 504.
 */

/** The antagonist answered `error`; its campaign is as it was. */
export class AntagonistRefusedError extends ControllerError {
  constructor(address: string, command: string, reason: string) {
    super(
      ControllerErrorCode.ManagerRejected,
      `The antagonist of ${address} refused ${command}: ${reason}`,
      [reason],
    );
  }
}

export class AntagonistReplyInvalidError extends ControllerError {
  constructor(address: string, command: string, reason: string) {
    super(
      ControllerErrorCode.ManagerReplyInvalid,
      `The antagonist of ${address} answered ${command} with an invalid reply (${reason}); ` +
        'check that it runs the same version as the controller',
    );
  }
}

/** No antagonist listens for this host, or it did not answer in time. */
export class AntagonistSilentError extends ControllerError {
  constructor(address: string, command: string, timeoutMs: number, namespace: string) {
    super(
      ControllerErrorCode.ManagerSilent,
      `No antagonist of ${address} answered ${command} within ${timeoutMs} ms; ` +
        `start one with HMS_HOST_ADDRESS=${address} and HMS_NAMESPACE=${namespace}`,
    );
  }
}
