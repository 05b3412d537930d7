import { CommandReply, errorReply, okReply, ReplyErrorCode } from '@hms/contracts';

import {
  describeOutcome,
  interpretReply,
  refusalCode,
  ReplyCollection,
  SILENT,
} from './reply-collection';

describe('interpretReply', () => {
  it('reads an ok reply with its sender', () => {
    const reply = okReply('10.0.0.1');

    expect(interpretReply(reply)).toEqual({
      address: '10.0.0.1',
      outcome: { kind: 'ok', reply: expect.objectContaining({ command: 'ok' }) },
    });
  });

  it("turns an error reply into a refusal carrying the manager's reason and code", () => {
    const interpreted = interpretReply(
      errorReply('10.0.0.1', 'unknown container web-9', ReplyErrorCode.UnknownContainer),
    );

    expect(interpreted.outcome).toEqual({
      kind: 'refused',
      reason: 'unknown container web-9',
      code: 'UNKNOWN_CONTAINER',
    });
  });

  it("reads a refusal without a code, an older manager's, as its own failure", () => {
    const older: CommandReply = { command: 'error', address: '10.0.0.1', reason: 'no' };

    expect(interpretReply(older).outcome).toEqual({ kind: 'refused', reason: 'no' });
    expect(refusalCode({})).toBe('INTERNAL');
    expect(refusalCode({ code: ReplyErrorCode.Conflict })).toBe('CONFLICT');
  });

  it('refuses a reply with a code the protocol does not have as invalid', () => {
    const reply = { ...errorReply('10.0.0.1', 'no'), code: 'TEAPOT' };

    expect(interpretReply(reply).outcome.kind).toBe('invalid');
  });

  it('names the sender of a malformed reply when it can', () => {
    const interpreted = interpretReply({ command: 'maybe', address: '10.0.0.1' });

    expect(interpreted.address).toBe('10.0.0.1');
    expect(interpreted.outcome.kind).toBe('invalid');
  });

  it.each([null, 'ok', [1], { command: 'ok' }])('refuses %j as invalid', (body) => {
    expect(interpretReply(body).outcome.kind).toBe('invalid');
  });
});

describe('describeOutcome', () => {
  it.each([
    [SILENT, 'silent'],
    [
      { kind: 'refused', reason: 'no such container', code: 'UNKNOWN_CONTAINER' },
      'refused (UNKNOWN_CONTAINER): no such container',
    ],
    [{ kind: 'refused', reason: 'old manager' }, 'refused (INTERNAL): old manager'],
    [{ kind: 'invalid', reason: 'address missing' }, 'invalid: address missing'],
  ] as const)('words %j for a log line', (outcome, phrase) => {
    expect(describeOutcome(outcome)).toBe(phrase);
  });
});

describe('ReplyCollection', () => {
  const ok = { kind: 'ok', reply: okReply('x') } as const;

  it('is complete only once every expected host answered', () => {
    const sut = new ReplyCollection(['10.0.0.1', '10.0.0.2']);

    sut.accept('10.0.0.1', ok);
    expect(sut.complete).toBe(false);

    sut.accept('10.0.0.2', { kind: 'refused', reason: 'no', code: 'CONFLICT' });
    expect(sut.complete).toBe(true);
  });

  it('reports a host that never answered as silent', () => {
    const sut = new ReplyCollection(['10.0.0.1', '10.0.0.2']);

    sut.accept('10.0.0.2', ok);

    expect(sut.result()).toEqual(
      new Map([
        ['10.0.0.1', SILENT],
        ['10.0.0.2', ok],
      ]),
    );
  });

  it('keeps the first answer of a host that answers twice', () => {
    const sut = new ReplyCollection(['10.0.0.1']);

    sut.accept('10.0.0.1', ok);
    sut.accept('10.0.0.1', { kind: 'refused', reason: 'late', code: 'CONFLICT' });

    expect(sut.result().get('10.0.0.1')).toBe(ok);
  });

  it('keeps an unexpected host that answered, without waiting for it', () => {
    const sut = new ReplyCollection(['10.0.0.1']);

    sut.accept('10.0.0.9', ok);

    expect(sut.complete).toBe(false);
    expect([...sut.result().keys()]).toEqual(['10.0.0.1', '10.0.0.9']);
  });

  it('is complete at once when no host is expected', () => {
    expect(new ReplyCollection([]).complete).toBe(true);
  });
});
