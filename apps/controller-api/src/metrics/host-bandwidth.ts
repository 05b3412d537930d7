import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `in`: from a manager to the controller; `out`: from the controller to a manager. */
export const MessageDirection = { In: 'in', Out: 'out' } as const;

export type MessageDirection = (typeof MessageDirection)[keyof typeof MessageDirection];

export const MESSAGE_DIRECTIONS: readonly MessageDirection[] =
  Object.values(MessageDirection);

/** Messages and bytes exchanged with one host's manager since counting began. */
export interface HostBandwidth {
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;

  /** When the first message with this host was counted (ms since epoch). */
  since?: number;
}

/** HostBandwidth as REST shows it, e.g. inside GET /hosts. */
export class HostBandwidthDto {
  @ApiProperty({ description: 'Messages received from the manager', example: 120 })
  messagesIn!: number;

  @ApiProperty({ description: 'Messages sent to the manager', example: 60 })
  messagesOut!: number;

  @ApiProperty({ description: 'Bytes of message bodies received', example: 48200 })
  bytesIn!: number;

  @ApiProperty({ description: 'Bytes of message bodies sent', example: 3100 })
  bytesOut!: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Since when messages with this host are counted; absent before the first',
  })
  since?: string;

  @ApiProperty({ description: 'Messages both ways per minute since counting began' })
  messagesPerMinute!: number;

  @ApiProperty({ description: 'Bytes both ways per minute since counting began' })
  bytesPerMinute!: number;

  static from(bandwidth: HostBandwidth, now = Date.now()): HostBandwidthDto {
    const minutes = bandwidth.since === undefined ? 0 : (now - bandwidth.since) / 60_000;
    const perMinute = (count: number) =>
      minutes > 0 ? Math.round((count / minutes) * 10) / 10 : 0;

    return {
      messagesIn: bandwidth.messagesIn,
      messagesOut: bandwidth.messagesOut,
      bytesIn: bandwidth.bytesIn,
      bytesOut: bandwidth.bytesOut,
      since:
        bandwidth.since === undefined
          ? undefined
          : new Date(bandwidth.since).toISOString(),
      messagesPerMinute: perMinute(bandwidth.messagesIn + bandwidth.messagesOut),
      bytesPerMinute: perMinute(bandwidth.bytesIn + bandwidth.bytesOut),
    };
  }
}
