import { ReplyErrorCode } from '@hms/contracts';

import {
  ManagerRefusedError,
  ManagerReplyInvalidError,
  ManagerSilentError,
} from '../errors/controller-error';
import { CommandOutcome, refusalCode } from '../messaging/reply-collection';

/** How to word the failures of one command sent to one or several hosts. */
export interface CommandFailureContext {
  readonly command: string;
  readonly timeoutMs: number;

  /** What became of the request for the hosts that did not answer. */
  readonly whenSilent: string;
}

interface Refusal {
  readonly address: string;
  readonly reason: string;
  readonly code: ReplyErrorCode;
}

/**
 * Refusal codes from the most to the least telling: what the operator can act
 * on (an invalid command, a container the host does not have, a conflict)
 * comes before a manager's own failure.
 */
const REFUSAL_PRECEDENCE: readonly ReplyErrorCode[] = [
  ReplyErrorCode.InvalidCommand,
  ReplyErrorCode.UnknownContainer,
  ReplyErrorCode.Conflict,
  ReplyErrorCode.Internal,
];

/** What the operator should know after each kind of refusal. */
const AFTERWARDS: Readonly<Record<ReplyErrorCode, (address: string) => string>> = {
  [ReplyErrorCode.InvalidCommand]: () => 'nothing changed; check the request',
  [ReplyErrorCode.UnknownContainer]: (address) =>
    `nothing changed; GET /containers/${address} lists what the host has now`,
  [ReplyErrorCode.Conflict]: () => 'nothing changed',
  [ReplyErrorCode.Internal]: () =>
    'the manager failed while carrying it out; its log has the details',
};

/**
 * Throws the error the outcomes call for, the most telling first: a refusal
 * (its code decides: 400, 404, 409, or 502 for the manager's own failure),
 * then an invalid reply (502), then silence (504 naming every silent host).
 * Returns when every host answered ok.
 */
export function throwOnFailure(
  outcomes: ReadonlyMap<string, CommandOutcome>,
  context: CommandFailureContext,
): void {
  const failed = [...outcomes].map(([address, outcome]) => ({ address, outcome }));

  const refusals = failed.flatMap(({ address, outcome }) =>
    outcome.kind === 'refused'
      ? [{ address, reason: outcome.reason, code: refusalCode(outcome) }]
      : [],
  );
  if (refusals.length > 0) {
    throw refusalError(refusals, context.command);
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

/** One error for every refusal: the most telling one's code, each host's reason in the details. */
function refusalError(refusals: Refusal[], command: string): ManagerRefusedError {
  const [first] = [...refusals].sort(
    (a, b) => REFUSAL_PRECEDENCE.indexOf(a.code) - REFUSAL_PRECEDENCE.indexOf(b.code),
  );
  const lines = refusals.map(({ address, reason }) => `${address}: ${reason}`);
  const afterwards = AFTERWARDS[first.code](first.address);

  const message =
    refusals.length === 1
      ? `The manager of ${first.address} refused ${command}: ${first.reason}; ${afterwards}`
      : `${refusals.length} managers refused ${command} (${lines.join('; ')}); ${afterwards}`;

  return new ManagerRefusedError(first.code, message, lines);
}
