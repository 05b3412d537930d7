import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { HostBandwidth, HostBandwidthDto } from '../../metrics/host-bandwidth';
import { HostLiveness, HostState } from '../../platform/host-state';
import { DeltaSavingsDto } from './delta-savings.dto';

/** One host as the controller sees it: its manager, its configuration, its traffic. */
export class HostResponseDto {
  @ApiProperty({
    description: "IPv4 address of the host's Docker engine",
    example: '10.0.0.5',
  })
  address!: string;

  @ApiProperty({
    enum: Object.values(HostLiveness),
    description:
      'waiting: its manager has not been heard from since the host was added or the ' +
      'controller restarted; live: heartbeats arrive; ' +
      'unreachable: heartbeats stopped',
  })
  liveness!: HostLiveness;

  @ApiProperty({
    description: 'Packet loss threshold (%) the operator wants',
    example: 25,
  })
  desiredThreshold!: number;

  @ApiPropertyOptional({
    description: 'Threshold (%) the manager last reported',
    example: 25,
  })
  reportedThreshold?: number;

  @ApiProperty({
    type: [String],
    description: 'Full IDs of the containers the operator ignored',
  })
  ignored!: string[];

  @ApiProperty({
    description: 'True while the desired configuration is not confirmed by the manager',
  })
  configurationPending!: boolean;

  @ApiPropertyOptional({ description: 'Protocol version the manager speaks', example: 1 })
  protocol?: number;

  @ApiPropertyOptional({ description: 'When the manager started (ISO 8601)' })
  managerStartedAt?: string;

  @ApiPropertyOptional({
    description: 'False once the manager was retired and only reports',
  })
  acting?: boolean;

  @ApiProperty({
    description: 'Containers the controller holds for the host',
    example: 4,
  })
  containerCount!: number;

  @ApiProperty({
    description: 'Revision of the monitor log the controller holds',
    example: 17,
  })
  revision!: number;

  @ApiPropertyOptional({ description: 'When the last heartbeat arrived (ISO 8601)' })
  lastHeartbeatAt?: string;

  @ApiProperty({ description: 'When the host was added or joined (ISO 8601)' })
  joinedAt!: string;

  @ApiProperty({
    type: HostBandwidthDto,
    description: 'Messages and bytes exchanged with it',
  })
  traffic!: HostBandwidthDto;

  @ApiProperty({ type: DeltaSavingsDto, description: 'What delta content saved' })
  deltaSavings!: DeltaSavingsDto;

  static from(host: HostState, bandwidth: HostBandwidth): HostResponseDto {
    return {
      address: host.address,
      liveness: host.liveness,
      desiredThreshold: host.desired.threshold,
      reportedThreshold: host.reportedThreshold,
      ignored: [...host.desired.ignored],
      configurationPending: host.configurePending ?? false,
      protocol: host.protocol,
      managerStartedAt: host.managerStartedAt,
      acting: host.acting,
      containerCount: host.containers.size,
      revision: host.revision,
      lastHeartbeatAt: isoOrUndefined(host.lastHeartbeatAt),
      joinedAt: new Date(host.joinedAt).toISOString(),
      traffic: HostBandwidthDto.from(bandwidth),
      deltaSavings: DeltaSavingsDto.from(host.deltaSavings),
    };
  }
}

function isoOrUndefined(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
