import { ContainerStatusDto, FaultCause, HmsStatus } from '@hms/contracts';

import { HostLiveness, HostState } from '../platform/host-state';
import { MessageDirection } from './host-bandwidth';
import { MetricsService } from './metrics.service';

const T0 = Date.parse('2025-03-01T12:00:00Z');

describe('MetricsService', () => {
  let sut: MetricsService;

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    sut = new MetricsService();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('exposes containers by status, packet loss and hosts by liveness from the snapshot', async () => {
    sut.setSnapshotSource(() => [
      host('10.0.0.1', HostLiveness.Live, [
        container('aaaaaaaaaaaa', HmsStatus.Active, 'web-1', 0),
        container('bbbbbbbbbbbb', HmsStatus.Active, 'web-2', 35),
        container('cccccccccccc', HmsStatus.Ignored),
      ]),
      host('10.0.0.2', HostLiveness.Unreachable, []),
    ]);

    const text = await sut.render();

    expect(text).toContain('hms_containers{host="10.0.0.1",status="active"} 2');
    expect(text).toContain('hms_containers{host="10.0.0.1",status="ignored"} 1');
    expect(text).toContain('hms_containers{host="10.0.0.1",status="faulty"} 0');
    expect(text).toContain('hms_containers{host="10.0.0.2",status="active"} 0');
    expect(text).toContain(
      'hms_container_packet_loss_percent{host="10.0.0.1",container="bbbbbbbbbbbb",name="web-2"} 35',
    );
    expect(text).not.toContain('container="cccccccccccc"');
    expect(text).toContain('hms_hosts{liveness="live"} 1');
    expect(text).toContain('hms_hosts{liveness="unreachable"} 1');
    expect(text).toContain('hms_hosts{liveness="waiting"} 0');
  });

  it('reads the snapshot again at each scrape, so a container that left disappears', async () => {
    let containers = [container('aaaaaaaaaaaa', HmsStatus.Active, 'web-1', 10)];
    sut.setSnapshotSource(() => [host('10.0.0.1', HostLiveness.Live, containers)]);
    expect(await sut.render()).toContain('container="aaaaaaaaaaaa"');

    containers = [];

    expect(await sut.render()).not.toContain('container="aaaaaaaaaaaa"');
  });

  it('counts messages, bytes and restarts per host', async () => {
    sut.countMessage('10.0.0.1', MessageDirection.In, 300);
    sut.countMessage('10.0.0.1', MessageDirection.In, 200);
    sut.countMessage('10.0.0.1', MessageDirection.Out, 40);
    sut.countRestart('10.0.0.1', FaultCause.Killed);

    const text = await sut.render();

    expect(text).toContain('hms_messages_total{host="10.0.0.1",direction="in"} 2');
    expect(text).toContain('hms_messages_total{host="10.0.0.1",direction="out"} 1');
    expect(text).toContain('hms_message_bytes_total{host="10.0.0.1",direction="in"} 500');
    expect(text).toContain('hms_restarts_total{host="10.0.0.1",cause="killed"} 1');
  });

  it('tells the bandwidth of a host, zero for one never heard from', () => {
    sut.countMessage('10.0.0.1', MessageDirection.In, 300);
    sut.countMessage('10.0.0.1', MessageDirection.Out, 40);

    expect(sut.bandwidth('10.0.0.1')).toEqual({
      messagesIn: 1,
      messagesOut: 1,
      bytesIn: 300,
      bytesOut: 40,
      since: T0,
    });
    expect(sut.bandwidth('10.0.0.9')).toEqual({
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
    });
  });

  it('refuses a negative byte count without counting the message', async () => {
    expect(() => sut.countMessage('10.0.0.1', MessageDirection.In, -1)).toThrow();

    expect(sut.bandwidth('10.0.0.1').messagesIn).toBe(0);
    expect(await sut.render()).not.toContain('hms_messages_total{host="10.0.0.1"');
  });

  it('forgets every series and count of a host that left', async () => {
    sut.countMessage('10.0.0.1', MessageDirection.In, 300);
    sut.countRestart('10.0.0.1', FaultCause.PacketLoss);
    sut.countMessage('10.0.0.2', MessageDirection.In, 10);

    sut.forgetHost('10.0.0.1');
    const text = await sut.render();

    expect(text).not.toContain('host="10.0.0.1"');
    expect(text).toContain('hms_messages_total{host="10.0.0.2",direction="in"} 1');
    expect(sut.bandwidth('10.0.0.1').messagesIn).toBe(0);
  });

  it('adds the process metrics with the hms_ prefix', async () => {
    const text = await sut.render();

    expect(text).toMatch(/^hms_process_cpu_seconds_total \d/m);
    expect(text).not.toMatch(/^process_/m);
  });
});

function host(address: string, liveness: HostLiveness, containers: ContainerStatusDto[]) {
  const state: HostState = {
    address,
    liveness,
    desired: { threshold: 20, ignored: [] },
    joinedAt: T0,
    revision: 1,
    containers: new Map(containers.map((c) => [c.id, c])),
  };

  return state;
}

function container(
  id: string,
  status: HmsStatus,
  name?: string,
  packetLoss?: number,
): ContainerStatusDto {
  return { id, status, name, packetLoss };
}
