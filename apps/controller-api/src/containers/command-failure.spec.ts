import { okReply, ReplyErrorCode } from '@hms/contracts';

import { toApiError } from '../errors/api-exception.filter';
import { CommandOutcome, SILENT } from '../messaging/reply-collection';
import { throwOnFailure } from './command-failure';

const CONTEXT = {
  command: 'container_add',
  timeoutMs: 3000,
  whenSilent: 'the change is recorded',
};
const OK: CommandOutcome = { kind: 'ok', reply: okReply('x') };

function refused(code?: ReplyErrorCode, reason = 'no'): CommandOutcome {
  return { kind: 'refused', reason, code };
}

/** The API error the outcomes end in, or undefined when every host said ok. */
function failureOf(outcomes: Record<string, CommandOutcome>) {
  try {
    throwOnFailure(new Map(Object.entries(outcomes)), CONTEXT);
  } catch (error) {
    return toApiError(error);
  }

  return undefined;
}

describe('throwOnFailure', () => {
  it('returns when every host said ok', () => {
    expect(failureOf({ '10.0.0.1': OK, '10.0.0.2': OK })).toBeUndefined();
  });

  it.each([
    [ReplyErrorCode.InvalidCommand, 400, 'COMMAND_INVALID'],
    [ReplyErrorCode.UnknownContainer, 404, 'CONTAINER_NOT_FOUND'],
    [ReplyErrorCode.Conflict, 409, 'MANAGER_REJECTED'],
    [ReplyErrorCode.Internal, 502, 'MANAGER_FAILED'],
    [undefined, 502, 'MANAGER_FAILED'],
  ])('answers a refusal coded %s with %d %s', (code, statusCode, apiCode) => {
    expect(failureOf({ '10.0.0.1': refused(code) })).toEqual(
      expect.objectContaining({ statusCode, code: apiCode }),
    );
  });

  it("words a refusal with the host, the command and the manager's reason", () => {
    const error = failureOf({
      '10.0.0.1': refused(ReplyErrorCode.UnknownContainer, 'unknown container web-9'),
    });

    expect(error?.message).toBe(
      'The manager of 10.0.0.1 refused container_add: unknown container web-9; ' +
        'nothing changed; GET /containers/10.0.0.1 lists what the host has now',
    );
  });

  it("lets what the operator can act on outrank a manager's own failure", () => {
    const error = failureOf({
      '10.0.0.1': refused(ReplyErrorCode.Internal, 'engine down'),
      '10.0.0.2': refused(ReplyErrorCode.Conflict, 'retired'),
      '10.0.0.3': SILENT,
    });

    expect(error).toEqual(
      expect.objectContaining({
        statusCode: 409,
        details: ['10.0.0.1: engine down', '10.0.0.2: retired'],
      }),
    );
    expect(error?.message).toMatch(/^2 managers refused container_add/);
  });

  it('puts an invalid reply before silence', () => {
    const error = failureOf({
      '10.0.0.1': SILENT,
      '10.0.0.2': { kind: 'invalid', reason: 'address should not be empty' },
    });

    expect(error?.code).toBe('MANAGER_REPLY_INVALID');
  });

  it('names every silent host and what became of the request', () => {
    const error = failureOf({ '10.0.0.1': SILENT, '10.0.0.2': OK, '10.0.0.3': SILENT });

    expect(error).toEqual(expect.objectContaining({ statusCode: 504 }));
    expect(error?.message).toContain('10.0.0.1, 10.0.0.3');
    expect(error?.message).toContain('the change is recorded');
  });
});
