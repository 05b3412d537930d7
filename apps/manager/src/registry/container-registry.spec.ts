import { HmsStatus, MonitorLogKind } from '@hms/contracts';

import { configOf, snapshotOf } from '../../test/fixtures/containers';
import { HostSettings } from '../config/host-settings';
import { ContainerRegistry } from './container-registry';

function setup(logCapacity?: number) {
  const settings = new HostSettings(configOf({ threshold: 25 }));
  const registry = new ContainerRegistry(settings, logCapacity);

  return { settings, registry };
}

describe('ContainerRegistry', () => {
  it('bumps the revision on every change and logs a discovered container', () => {
    const { registry } = setup();

    registry.upsert(snapshotOf({ name: 'web-1' }));
    registry.upsert(snapshotOf({ name: 'web-2' }));

    expect(registry.revision).toBe(2);
    expect(registry.contentSince().log.map((entry) => entry.kind)).toEqual([
      MonitorLogKind.Discovered,
      MonitorLogKind.Discovered,
    ]);
  });

  it('leaves down a container that exited long before it was first seen, until it runs', () => {
    const { registry } = setup();
    const longAgo = new Date(Date.now() - 3_600_000).toISOString();
    const job = snapshotOf({ name: 'job', state: 'exited', finishedAt: longAgo });

    registry.upsert(job);
    const [found] = registry.contentSince().containers;
    const discovered = registry.contentSince().log[0].message;
    registry.upsert({ ...job, state: 'running' });

    expect(found.status).toBe(HmsStatus.NotProbed);
    expect(found.statusReason).toMatch(
      /long before the manager saw it \(over HMS_RESTART_EXITED_WITHIN_MS\): left down/,
    );
    expect(discovered).toMatch(/left down until it runs again/);
    expect(registry.get(job.id)?.leftDown).toBe(false);
  });

  it('treats a container that exited recently, or at an unknown time, as faulty', () => {
    const { registry } = setup();
    const recent = new Date(Date.now() - 60_000).toISOString();
    const died = snapshotOf({ name: 'died', state: 'exited', finishedAt: recent });
    const unknown = snapshotOf({ name: 'unknown', state: 'exited' });

    registry.upsert(died);
    registry.upsert(unknown);

    expect(registry.contentSince().containers.map((status) => status.status)).toEqual([
      HmsStatus.Faulty,
      HmsStatus.Faulty,
    ]);
  });

  it('keeps the revision when a snapshot brings nothing visible', () => {
    const { registry } = setup();
    const web = snapshotOf();
    registry.upsert(web);

    const outcome = registry.upsert({ ...web, pid: 999 });

    expect(outcome).toBe('unchanged');
    expect(registry.revision).toBe(1);
  });

  it('gives the whole content for revision 0 or none', () => {
    const { registry } = setup();
    registry.upsert(snapshotOf());

    for (const since of [undefined, 0]) {
      const content = registry.contentSince(since);

      expect(content).toMatchObject({
        revision: 1,
        full: true,
        threshold: 25,
        removed: [],
      });
      expect(content.containers).toHaveLength(1);
    }
  });

  it('gives only what changed since a revision, removals included', () => {
    const { registry } = setup();
    const web1 = snapshotOf({ name: 'web-1' });
    const web2 = snapshotOf({ name: 'web-2' });
    const web3 = snapshotOf({ name: 'web-3' });
    [web1, web2, web3].forEach((snapshot) => registry.upsert(snapshot));
    const seen = registry.revision;

    registry.upsert({ ...web2, state: 'exited', exitCode: 137 });
    registry.remove(web3.id);
    const delta = registry.contentSince(seen);

    expect(delta.full).toBe(false);
    expect(delta.revision).toBe(seen + 2);
    expect(delta.containers.map((container) => container.name)).toEqual(['web-2']);
    expect(delta.removed).toEqual([web3.shortId]);
    expect(delta.log.map((entry) => entry.kind)).toEqual([MonitorLogKind.Removed]);
  });

  it('gives an empty delta to a reader that is up to date', () => {
    const { registry } = setup();
    registry.upsert(snapshotOf());

    const delta = registry.contentSince(registry.revision);

    expect(delta).toMatchObject({ full: false, containers: [], removed: [], log: [] });
  });

  it('gives everything to a reader behind the oldest retained entry', () => {
    const { registry } = setup(3);
    const web = snapshotOf();
    registry.upsert(web);
    for (let threshold = 1; threshold <= 5; threshold += 1) {
      registry.note({
        kind: MonitorLogKind.Threshold,
        message: `threshold ${threshold}`,
      });
    }

    const content = registry.contentSince(2);

    expect(content.full).toBe(true);
    expect(content.log.map((entry) => entry.revision)).toEqual([4, 5, 6]);
    expect(content.containers).toHaveLength(1);
  });

  it('gives everything to a reader ahead of it, as after a manager restart', () => {
    const { registry } = setup();
    registry.upsert(snapshotOf());

    expect(registry.contentSince(500).full).toBe(true);
  });

  it('shows an ignored container with only its short ID and status', () => {
    const { registry, settings } = setup();
    const web = snapshotOf({ labels: { 'hms.ignore': 'true' } });
    registry.upsert(web);

    expect(settings.isIgnored(web)).toBe(true);
    expect(registry.contentSince().containers).toEqual([
      { id: web.shortId, status: HmsStatus.Ignored },
    ]);
  });

  it('says why a container without IPv4 is not probed', () => {
    const { registry } = setup();
    registry.upsert(snapshotOf({ networks: [] }));

    const [status] = registry.contentSince().containers;

    expect(status.status).toBe(HmsStatus.NotProbed);
    expect(status.statusReason).toContain('no IPv4 address');
  });

  it('counts a probe as a revision only when the loss changed', () => {
    const { registry } = setup();
    const web = snapshotOf();
    registry.upsert(web);

    registry.recordProbe(web.id, 0, new Date());
    registry.recordProbe(web.id, 0, new Date());
    const afterSameLoss = registry.revision;
    registry.recordProbe(web.id, 35, new Date());

    expect(afterSameLoss).toBe(2);
    expect(registry.revision).toBe(3);
    expect(registry.contentSince().containers[0].packetLoss).toBe(35);
  });

  it('finds a container by full ID, short ID or name', () => {
    const { registry } = setup();
    const web = snapshotOf({ name: 'web-1' });
    registry.upsert(web);

    expect(registry.resolve(web.id)?.snapshot.id).toBe(web.id);
    expect(registry.resolve(web.shortId)?.snapshot.id).toBe(web.id);
    expect(registry.resolve('web-1')?.snapshot.id).toBe(web.id);
    expect(registry.resolve('web-9')).toBeUndefined();
  });

  it('tells listeners the new revision', () => {
    const { registry } = setup();
    const heard: number[] = [];
    registry.onChange((revision) => heard.push(revision));

    registry.upsert(snapshotOf());
    registry.note({ kind: MonitorLogKind.Threshold, message: 'threshold 30%' });

    expect(heard).toEqual([1, 2]);
  });
});
