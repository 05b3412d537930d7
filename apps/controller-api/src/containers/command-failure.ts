import {
  ManagerRejectedError,
  ManagerReplyInvalidError,
  ManagerSilentError,
} from '../errors/controller-error';
import { CommandOutcome } from '../messaging/reply-collection';

/** How to word the failures of one command sent to one or several hosts. */
export interface CommandFailureContext {
  readonly command: string;
  readonly timeoutMs: number;

  /** What became of the request for the hosts that did not answer. */
  readonly whenSilent: string;
}

/**
 * Throws the error the outcomes call for, the most telling first: a refusal
 * (409 with the manager's reason), then an invalid reply (502), then silence
 * (504 naming every silent host). Returns when every host answered ok.
 */
export function throwOnFailure(
  outcomes: ReadonlyMap<string, CommandOutcome>,
  context: CommandFailureContext,
): void {
  const failed = [...outcomes].map(([address, outcome]) => ({ address, outcome }));

  const refusals = failed.flatMap(({ address, outcome }) =>
    outcome.kind === 'refused' ? [{ address, reason: outcome.reason }] : [],
  );
  if (refusals.length > 0) {
    const lines = refusals.map(({ address, reason }) => `${address}: ${reason}`);
    const message =
      refusals.length === 1
        ? `The manager of ${refusals[0].address} refused ${context.command}: ` +
          `${refusals[0].reason}; nothing changed on that host`
        : `${refusals.length} managers refused ${context.command} (${lines.join('; ')}); ` +
          `nothing changed on those hosts`;

    throw new ManagerRejectedError(message, lines);
  }

  const invalid = failed.find(({ outcome }) => outcome.kind === 'invalid');
  if (invalid !== undefined && invalid.outcome.kind === 'invalid') {
    throw new ManagerReplyInvalidError(
      invalid.address,
      context.command,
      invalid.outcome.reason,
    );
  }

  const silent = failed.filter(({ outcome }) => outcome.kind === 'silent');
  if (silent.length > 0) {
    throw new ManagerSilentError(
      silent.map(({ address }) => address),
      context.command,
      context.timeoutMs,
      context.whenSilent,
    );
  }
}
