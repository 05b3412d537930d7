import { ApiProperty } from '@nestjs/swagger';

/** The outcome of removing a host from supervision. */
export class HostRemovalResponseDto {
  @ApiProperty({ description: 'IPv4 address of the host', example: '10.0.0.5' })
  address!: string;

  @ApiProperty({
    description:
      'True when its manager confirmed it stopped acting; false when it could not be reached',
  })
  retired!: boolean;

  @ApiProperty({ description: 'What happened, for an operator' })
  message!: string;
}
