import { findContainer } from './container-lookup';
import { HostLiveness, HostState } from './host-state';

const FULL_ID = 'a1b2c3d4e5f6'.padEnd(64, '7');

function host(): HostState {
  return {
    address: '10.0.0.1',
    liveness: HostLiveness.Live,
    desired: { threshold: 25, ignored: [] },
    joinedAt: 0,
    revision: 1,
    containers: new Map([
      [
        'a1b2c3d4e5f6',
        { id: 'a1b2c3d4e5f6', status: 'active', fullId: FULL_ID, name: 'web-1' },
      ],
      ['0123456789ab', { id: '0123456789ab', status: 'ignored' }],
    ]),
    aliases: new Map([
      ['0123456789ab', { fullId: '0123456789ab'.padEnd(64, '0'), name: 'db-1' }],
    ]),
  };
}

describe('findContainer', () => {
  it.each(['a1b2c3d4e5f6', FULL_ID, 'web-1'])('finds a container by %s', (ref) => {
    expect(findContainer(host(), ref)?.shortId).toBe('a1b2c3d4e5f6');
  });

  it('finds an ignored container, listed by short ID only, by its earlier name', () => {
    const found = findContainer(host(), 'db-1');

    expect(found).toEqual(
      expect.objectContaining({
        shortId: '0123456789ab',
        fullId: '0123456789ab'.padEnd(64, '0'),
      }),
    );
  });

  it.each(['a1b2c3', 'web', 'WEB-1'])(
    'does not guess from a partial or differently cased ref %s',
    (ref) => {
      expect(findContainer(host(), ref)).toBeUndefined();
    },
  );
});
