import { HmsStatus } from '@hms/contracts';
import { waitFor } from '@hms/testing';

import { ManagerHarness, SENDER } from './support/manager-harness';

describe('manager heals containers on the real engine, with real ICMP', () => {
  const harness = new ManagerHarness();
  const { containers, broker, manager } = harness;

  beforeAll(() =>
    harness.start([
      ['stopped'],
      ['killed'],
      ['lossy'],
      ['toggled'],
      ['retiree'],
      ['labelled', { labels: { 'hms.ignore': 'true' } }],
    ]),
  );

  afterAll(() => harness.stop());

  it('heals a docker stop, with cause stopped, and sends an update notice', async () => {
    await containers.stop('stopped');

    const restart = await harness.restartOf('stopped', 'stopped');
    await waitFor(
      () =>
        broker
          .noticesOf('update')
          .some((notice) => Number(notice.revision) >= restart.revision),
      { what: 'an update notice covering the restart' },
    );

    expect(restart.recoveryMs).toBeGreaterThan(0);
    expect((await containers.inspect('stopped')).State.Running).toBe(true);
    expect(manager.hasLogged(`restarted ${harness.nameOf('stopped')} (stopped`)).toBe(
      true,
    );
  });

  it('heals a docker kill, with cause killed', async () => {
    await containers.kill('killed');

    await harness.restartOf('killed', 'killed');

    expect((await containers.inspect('killed')).State.Running).toBe(true);
    expect((await harness.statusOf('killed'))?.lastRestart?.cause).toBe('killed');
  });

  it('restarts a container whose ICMP is dropped, with cause packet-loss', async () => {
    await waitFor(async () => (await harness.statusOf('lossy'))?.packetLoss === 0, {
      what: 'lossy to answer its probes first',
    });
    const before = (await containers.inspect('lossy')).State.Pid;

    await containers.dropIcmp('lossy');
    await harness.restartOf('lossy', 'packet-loss', 20_000);

    expect((await containers.inspect('lossy')).State.Pid).not.toBe(before);
    expect(await containers.inputRules('lossy')).not.toContain('DROP');
    // The rule may land in the middle of a probe window: part of that one got through.
    expect(manager.output.join('\n')).toMatch(
      /packet loss [\d.]+% > threshold 25%: restarting/,
    );
  });

  it('leaves a container labelled hms.ignore=true stopped', async () => {
    await containers.stop('labelled');
    await harness.waitForHeartbeats(5);

    expect((await containers.inspect('labelled')).State.Running).toBe(false);
    expect(await harness.statusOf('labelled')).toEqual({
      id: expect.any(String),
      status: HmsStatus.Ignored,
    });
  });

  it('leaves a container alone after container_ignore, heals it after container_add', async () => {
    const toggled = harness.nameOf('toggled');
    const ignored = await harness.command({
      command: 'container_ignore',
      containerId: toggled,
    });
    await containers.stop('toggled');
    await harness.waitForHeartbeats(5);
    const stayedDown = !(await containers.inspect('toggled')).State.Running;

    const shortId = (await containers.inspect('toggled')).Id.slice(0, 12);
    const added = await harness.command({
      command: 'container_add',
      containerId: shortId,
    });
    await harness.restartOf('toggled', 'stopped');

    expect([ignored.command, added.command]).toEqual(['ok', 'ok']);
    expect(stayedDown).toBe(true);
    const entries = (await harness.content()).log.filter(
      (e) => e.containerName === toggled,
    );
    expect(entries.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['ignored', 'supervised', 'restart']),
    );
  });

  it('supervises a container started after the manager', async () => {
    await containers.run('late');
    await waitFor(
      async () => (await harness.statusOf('late'))?.status === HmsStatus.Active,
      {
        what: 'the late container to be supervised',
      },
    );

    await containers.kill('late');

    await harness.restartOf('late', 'killed');
  });

  it('stops acting when retired and acts again when configured', async () => {
    const retired = await harness.command({ command: 'host_retire' });
    await containers.stop('retiree');
    await waitFor(() => broker.noticesOf('heartbeat').at(-1)?.acting === false, {
      what: 'a heartbeat saying acting=false',
    });
    await harness.waitForHeartbeats(4);
    const stayedDown = !(await containers.inspect('retiree')).State.Running;

    const configured = await broker.broadcast({
      command: 'host_configure',
      address: SENDER,
      threshold: 25,
      ignored: [],
    });
    await harness.restartOf('retiree', 'stopped');

    expect([retired.command, configured.command]).toEqual(['ok', 'ok']);
    expect(configured.address).toBe(harness.address);
    expect(stayedDown).toBe(true);
  });
});
