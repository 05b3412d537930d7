import { ApiProperty } from '@nestjs/swagger';

import { DeltaSavings } from '../../platform/host-state';

/** What asking for deltas instead of full content saved on one host. */
export class DeltaSavingsDto {
  @ApiProperty({ description: 'Content replies that were deltas', example: 42 })
  deltaReplies!: number;

  @ApiProperty({ description: 'Bytes of those delta contents', example: 18000 })
  deltaBytes!: number;

  @ApiProperty({
    description:
      'Bytes the same contents would have taken in full (every container, same log entries): a lower bound',
    example: 96000,
  })
  fullEquivalentBytes!: number;

  @ApiProperty({ description: 'fullEquivalentBytes - deltaBytes', example: 78000 })
  savedBytes!: number;

  static from(savings: DeltaSavings | undefined): DeltaSavingsDto {
    const { deltaReplies = 0, deltaBytes = 0, fullEquivalentBytes = 0 } = savings ?? {};

    return {
      deltaReplies,
      deltaBytes,
      fullEquivalentBytes,
      savedBytes: Math.max(0, fullEquivalentBytes - deltaBytes),
    };
  }
}
