import { HmsStatus } from '@hms/contracts';
import { waitFor } from '@hms/testing';

import { ManagerHarness } from './support/manager-harness';

describe('manager speaks the protocol over the real broker', () => {
  const harness = new ManagerHarness();
  const { containers, broker, manager, address } = harness;

  beforeAll(() =>
    harness.start([
      ['web'],
      ['doomed'],
      ['isolated', { network: 'none' }],
      ['labelled', { labels: { 'hms.ignore': 'true' } }],
    ]),
  );

  afterAll(() => harness.stop());

  it('announces itself and sends heartbeats on the notices exchange', async () => {
    await waitFor(() => broker.noticesOf('heartbeat').length >= 2, {
      what: 'two heartbeats',
    });

    expect(broker.noticesOf('announce')[0]).toMatchObject({ address, protocol: 1 });
    expect(broker.noticesOf('heartbeat').at(-1)).toMatchObject({ address, acting: true });
  });

  it('lists active, not-probed (no IPv4) and ignored (bare) containers', async () => {
    await waitFor(async () => (await harness.statusOf('web'))?.packetLoss === 0, {
      what: 'a first probe of the bridged container',
    });

    const web = await harness.statusOf('web');
    const isolated = await harness.statusOf('isolated');
    const labelled = await harness.statusOf('labelled');

    expect(web).toMatchObject({ status: HmsStatus.Active, state: 'running' });
    expect(web?.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(isolated).toMatchObject({ status: HmsStatus.NotProbed, networks: [] });
    expect(isolated?.statusReason).toContain('no IPv4');
    expect(labelled).toEqual({ id: labelled?.id, status: HmsStatus.Ignored });
  });

  it('answers a malformed command with an error and keeps working', async () => {
    const labelled = harness.nameOf('labelled');

    const notJson = await broker.command(address, Buffer.from('this is not JSON'));
    const badThreshold = await harness.command({
      command: 'container_threshold',
      threshold: 500,
    });
    const unknown = await harness.command({
      command: 'container_ignore',
      containerId: 'no-box',
    });
    const byLabel = await harness.command({
      command: 'container_add',
      containerId: labelled,
    });
    const unknownCommand = await harness.command({ command: 'reboot_everything' });

    expect(notJson).toMatchObject({ command: 'error', address });
    expect(notJson.reason).toContain('JSON object');
    expect(badThreshold.reason).toContain('threshold');
    expect(unknown.reason).toBe(`unknown container no-box on host ${address}`);
    expect(byLabel.reason).toContain('remove the label');
    expect(unknownCommand.reason).toContain('unknown command');
    expect((await harness.command({ command: 'give_content' })).command).toBe('ok');
  });

  it('answers give_content with sinceRevision with only the delta', async () => {
    const before = await harness.content();
    const doomedId = (await containers.inspect('doomed')).Id.slice(0, 12);

    await harness.command({ command: 'container_threshold', threshold: 30 });
    await containers.remove('doomed');
    const delta = await waitFor(
      async () => {
        const since = await harness.content(before.revision);

        return since.removed.includes(doomedId) && since;
      },
      { what: 'the removal of doomed in a delta' },
    );

    expect(before.full).toBe(true);
    expect(delta).toMatchObject({ full: false, threshold: 30 });
    expect(delta.log.every((entry) => entry.revision > before.revision)).toBe(true);
    expect(delta.log.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['threshold', 'removed']),
    );
    expect(delta.containers.length).toBeLessThan(before.containers.length);
  });

  it('re-binds its queues and announces again after losing its broker connection', async () => {
    const announcements = broker.noticesOf('announce').length;

    await broker.dropConnection(`hms-manager ${address} (${harness.namespace})`);
    await waitFor(() => broker.noticesOf('announce').length > announcements, {
      timeoutMs: 15_000,
      what: 'a new announce after reconnecting',
    });
    const content = await waitFor(() => harness.tryContent(), {
      timeoutMs: 15_000,
      what: 'give_content to work again',
    });

    expect(content.revision).toBeGreaterThan(0);
  });

  it('stops cleanly on SIGTERM, exiting 0 rather than dying by the signal', async () => {
    const exit = await manager.stop();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(manager.hasLogged('stopping on SIGTERM')).toBe(true);
    expect(manager.hasLogged('stopped cleanly on SIGTERM')).toBe(true);
  });
});
