import { CommandReply, parseAs, ReplyErrorCode, ReplyStatus } from '@hms/contracts';

/** How one manager answered one command. */
export type CommandOutcome =
  | { readonly kind: 'ok'; readonly reply: CommandReply }
  | {
      readonly kind: 'refused';
      readonly reason: string;

      /** Why, in the protocol's terms; older managers leave it out (read it with refusalCode). */
      readonly code?: ReplyErrorCode;
    }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'silent' };

export const SILENT: CommandOutcome = { kind: 'silent' };

/** A reply read off the wire: who sent it, if that much could be read, and what it says. */
export interface InterpretedReply {
  readonly address?: string;
  readonly outcome: CommandOutcome;
}

/** Validates a reply body; a malformed one still names its sender when it can. */
export function interpretReply(body: unknown): InterpretedReply {
  const parsed = parseAs(CommandReply, body);
  if (!parsed.ok) {
    const address = readAddress(body);

    return { address, outcome: { kind: 'invalid', reason: parsed.reason } };
  }

  const reply = parsed.value;
  if (reply.command === ReplyStatus.Error) {
    const reason = reply.reason ?? 'the manager gave no reason';

    return {
      address: reply.address,
      outcome: { kind: 'refused', reason, code: reply.code },
    };
  }

  return { address: reply.address, outcome: { kind: 'ok', reply } };
}

/** Why a manager refused; a refusal without a code (an older manager) counts as its own failure. */
export function refusalCode(outcome: { readonly code?: ReplyErrorCode }): ReplyErrorCode {
  return outcome.code ?? ReplyErrorCode.Internal;
}

/** One phrase for a log line: `silent`, or the kind (and code) with the reason. */
export function describeOutcome(outcome: CommandOutcome): string {
  switch (outcome.kind) {
    case 'refused':
      return `refused (${refusalCode(outcome)}): ${outcome.reason}`;
    case 'invalid':
      return `invalid: ${outcome.reason}`;
    default:
      return outcome.kind;
  }
}

/**
 * Gathers the replies to one command sent to several managers. It is complete
 * once every expected host answered; a host that answers twice keeps its first
 * answer, and an unexpected host that answers is kept too (it did act).
 */
export class ReplyCollection {
  private readonly outcomes = new Map<string, CommandOutcome>();
  private readonly expected: ReadonlySet<string>;

  constructor(expected: Iterable<string>) {
    this.expected = new Set(expected);
  }

  accept(address: string, outcome: CommandOutcome): void {
    if (!this.outcomes.has(address)) {
      this.outcomes.set(address, outcome);
    }
  }

  expects(address: string): boolean {
    return this.expected.has(address);
  }

  get complete(): boolean {
    return [...this.expected].every((address) => this.outcomes.has(address));
  }

  /** Every expected host's outcome (silent when it did not answer), then the extras. */
  result(): Map<string, CommandOutcome> {
    const result = new Map<string, CommandOutcome>();
    for (const address of this.expected) {
      result.set(address, this.outcomes.get(address) ?? SILENT);
    }
    for (const [address, outcome] of this.outcomes) {
      result.set(address, outcome);
    }

    return result;
  }
}

function readAddress(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const address = (body as Record<string, unknown>)['address'];

  return typeof address === 'string' && address !== '' ? address : undefined;
}
