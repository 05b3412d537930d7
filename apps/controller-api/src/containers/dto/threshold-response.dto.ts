import { ApiProperty } from '@nestjs/swagger';

/**
 * - `applied`: the manager confirmed the new threshold.
 * - `pending`: the manager is not live or did not answer; the threshold is
 *   recorded and delivered when it is back.
 */
export const ThresholdDelivery = { Applied: 'applied', Pending: 'pending' } as const;

export type ThresholdDelivery =
  (typeof ThresholdDelivery)[keyof typeof ThresholdDelivery];

export class HostThresholdDto {
  @ApiProperty({ description: 'IPv4 address of the host', example: '10.0.0.5' })
  address!: string;

  @ApiProperty({
    enum: Object.values(ThresholdDelivery),
    description:
      'applied: confirmed by its manager; pending: recorded, delivered when it is back',
  })
  delivery!: ThresholdDelivery;
}

/** The outcome of setting a packet loss threshold on one host or all of them. */
export class ThresholdResponseDto {
  @ApiProperty({ description: 'The threshold now desired, in percent', example: 25 })
  threshold!: number;

  @ApiProperty({
    type: [HostThresholdDto],
    description: 'Each host the threshold is for',
  })
  hosts!: HostThresholdDto[];
}
