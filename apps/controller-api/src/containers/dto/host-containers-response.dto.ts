import { ContainerStatusDto } from '@hms/contracts';
import { ApiProperty } from '@nestjs/swagger';

import { HostLiveness, HostState } from '../../platform/host-state';

const LIVENESS_VALUES = Object.values(HostLiveness);

/** One host's containers, as its manager last reported them. */
export class HostContainersResponseDto {
  @ApiProperty({ description: 'IPv4 address of the host', example: '10.0.0.5' })
  address!: string;

  @ApiProperty({ enum: LIVENESS_VALUES, description: "Where the host's manager stands" })
  liveness!: HostLiveness;

  @ApiProperty({ description: 'Revision of the monitor log these containers are from' })
  revision!: number;

  @ApiProperty({
    type: [ContainerStatusDto],
    description: 'Its containers, by short ID order',
  })
  containers!: ContainerStatusDto[];

  static from(host: HostState): HostContainersResponseDto {
    const containers = [...host.containers.values()].sort((a, b) =>
      a.id.localeCompare(b.id),
    );

    return {
      address: host.address,
      liveness: host.liveness,
      revision: host.revision,
      containers,
    };
  }
}
