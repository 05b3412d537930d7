import {
  ContainerStatusDto,
  ManagerContentDto,
  MonitorLogEntryDto,
} from '@hms/contracts';

import { applyContent, fullEquivalentBytes } from './content-application';
import { HostLiveness, HostState } from './host-state';

function container(
  id: string,
  fields: Partial<ContainerStatusDto> = {},
): ContainerStatusDto {
  return {
    id,
    status: 'active',
    fullId: id.padEnd(64, '0'),
    name: `web-${id}`,
    ...fields,
  };
}

function entry(revision: number): MonitorLogEntryDto {
  return {
    revision,
    at: '2026-01-01T00:00:00.000Z',
    kind: 'restart',
    message: `r${revision}`,
  };
}

function content(fields: Partial<ManagerContentDto>): ManagerContentDto {
  return {
    revision: 1,
    full: true,
    threshold: 25,
    containers: [],
    removed: [],
    log: [],
    ...fields,
  };
}

function hostWith(containers: ContainerStatusDto[], revision: number): HostState {
  return {
    address: '10.0.0.1',
    liveness: HostLiveness.Live,
    desired: { threshold: 25, ignored: [] },
    joinedAt: 0,
    revision,
    containers: new Map(containers.map((c) => [c.id, c])),
  };
}

describe('applyContent', () => {
  it('replaces every container with full content', () => {
    const host = hostWith([container('aaa'), container('bbb')], 3);

    applyContent(
      host,
      content({ revision: 5, containers: [container('bbb'), container('ccc')] }),
    );

    expect([...host.containers.keys()]).toEqual(['bbb', 'ccc']);
    expect(host.revision).toBe(5);
  });

  it('upserts changed containers and drops removed ones with a delta', () => {
    const host = hostWith([container('aaa'), container('bbb')], 3);
    const changed = container('aaa', { status: 'restarting' });

    applyContent(
      host,
      content({
        revision: 4,
        full: false,
        containers: [changed, container('ccc')],
        removed: ['bbb'],
      }),
    );

    expect([...host.containers.keys()]).toEqual(['aaa', 'ccc']);
    expect(host.containers.get('aaa')?.status).toBe('restarting');
  });

  it('returns only the log entries newer than the held revision', () => {
    const host = hostWith([], 3);

    const result = applyContent(
      host,
      content({ revision: 5, full: false, log: [entry(3), entry(4), entry(5)] }),
    );

    expect(result).toEqual({ applied: true, newEntries: [entry(4), entry(5)] });
  });

  it("treats every entry of full content below the held revision as new: the manager's log restarted", () => {
    const host = hostWith([], 40);

    const result = applyContent(
      host,
      content({ revision: 2, log: [entry(1), entry(2)] }),
    );

    expect(result).toEqual({ applied: true, newEntries: [entry(1), entry(2)] });
    expect(host.revision).toBe(2);
  });

  it('refuses a delta behind the held revision and drops to 0 so full content is asked for', () => {
    const host = hostWith([container('aaa')], 40);

    const result = applyContent(
      host,
      content({ revision: 2, full: false, removed: ['aaa'] }),
    );

    expect(result.applied).toBe(false);
    expect(host.revision).toBe(0);
    expect(host.containers.has('aaa')).toBe(true);
  });

  it('records the threshold the manager reports', () => {
    const host = hostWith([], 0);

    applyContent(host, content({ threshold: 40 }));

    expect(host.reportedThreshold).toBe(40);
  });

  it('keeps the name of a container the manager now lists by short ID only, as ignored', () => {
    const host = hostWith([], 0);
    applyContent(host, content({ revision: 1, containers: [container('aaa')] }));

    applyContent(
      host,
      content({ revision: 2, containers: [{ id: 'aaa', status: 'ignored' }] }),
    );

    expect(host.containers.get('aaa')).toEqual({ id: 'aaa', status: 'ignored' });
    expect(host.aliases?.get('aaa')).toEqual({
      fullId: 'aaa'.padEnd(64, '0'),
      name: 'web-aaa',
    });
  });
});

describe('fullEquivalentBytes', () => {
  it('weighs every container the host holds, not only the changed ones', () => {
    const host = hostWith([container('aaa'), container('bbb'), container('ccc')], 1);
    const delta = content({ revision: 2, full: false, containers: [container('aaa')] });

    const full = fullEquivalentBytes(host, delta);

    expect(full).toBeGreaterThan(Buffer.byteLength(JSON.stringify(delta)));
    expect(full).toBe(
      Buffer.byteLength(
        JSON.stringify({
          ...delta,
          full: true,
          containers: [...host.containers.values()],
        }),
      ),
    );
  });
});
