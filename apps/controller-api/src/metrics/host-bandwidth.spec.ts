import { HostBandwidthDto } from './host-bandwidth';

const T0 = Date.parse('2025-03-01T12:00:00Z');

describe('HostBandwidthDto.from', () => {
  it('gives totals, the start of counting and rates per minute', () => {
    const bandwidth = {
      messagesIn: 20,
      messagesOut: 10,
      bytesIn: 900,
      bytesOut: 300,
      since: T0,
    };

    const dto = HostBandwidthDto.from(bandwidth, T0 + 2 * 60_000);

    expect(dto).toEqual({
      messagesIn: 20,
      messagesOut: 10,
      bytesIn: 900,
      bytesOut: 300,
      since: '2025-03-01T12:00:00.000Z',
      messagesPerMinute: 15,
      bytesPerMinute: 600,
    });
  });

  it('gives zero rates for a host never heard from', () => {
    const dto = HostBandwidthDto.from({
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
    });

    expect(dto.since).toBeUndefined();
    expect(dto.messagesPerMinute).toBe(0);
    expect(dto.bytesPerMinute).toBe(0);
  });
});
