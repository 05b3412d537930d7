import { ReplyErrorCode } from '@hms/contracts';

import { ControllerError, ControllerErrorCode } from '../errors/controller-error';

/*
 * The antagonist's failures reuse the controller's codes and so their HTTP
 * statuses: an invalid command is a 400, a conflict (start before configure)
 * a 409, its own failure or an invalid reply a 502, silence a 504.
 */

const CODE_BY_REFUSAL: Readonly<Record<ReplyErrorCode, ControllerErrorCode>> = {
  [ReplyErrorCode.InvalidCommand]: ControllerErrorCode.CommandInvalid,
  [ReplyErrorCode.UnknownContainer]: ControllerErrorCode.ManagerRejected,
  [ReplyErrorCode.Conflict]: ControllerErrorCode.ManagerRejected,
  [ReplyErrorCode.Internal]: ControllerErrorCode.ManagerFailed,
};

/** The antagonist answered `error`; its campaign is as it was, unless it failed midway. */
export class AntagonistRefusedError extends ControllerError {
  constructor(address: string, command: string, reason: string, code: ReplyErrorCode) {
    super(
      CODE_BY_REFUSAL[code],
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
