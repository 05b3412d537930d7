import { HMS_STATUSES, HmsStatus } from '@hms/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The outcome of ignoring a container or supervising it again. */
export class ContainerSupervisionResponseDto {
  @ApiProperty({ description: 'IPv4 address of its host', example: '10.0.0.5' })
  host!: string;

  @ApiProperty({ description: 'Short ID of the container', example: '8db94990d2a1' })
  containerId!: string;

  @ApiPropertyOptional({
    description: 'Name of the container, when known',
    example: 'web-1',
  })
  name?: string;

  @ApiProperty({
    enum: HMS_STATUSES,
    description: 'Its status as its manager reports it now',
  })
  status!: HmsStatus;

  @ApiProperty({ description: 'What changed, for an operator' })
  message!: string;
}
