import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsIP,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { FAULT_CAUSES, FaultCause } from './fault-cause';

/**
 * What HMS thinks of a container, beside Docker's own state.
 * - `active`: supervised, running, last probe within the threshold.
 * - `not-probed`: supervised for its state only; it has no IPv4 address.
 * - `faulty`: a fault was seen; a restart is due (possibly after a backoff).
 * - `restarting`: a restart is in progress.
 * - `ignored`: on the ignore list or labelled `hms.ignore=true`.
 */
export const HmsStatus = {
  Active: 'active',
  NotProbed: 'not-probed',
  Faulty: 'faulty',
  Restarting: 'restarting',
  Ignored: 'ignored',
} as const;

export type HmsStatus = (typeof HmsStatus)[keyof typeof HmsStatus];

export const HMS_STATUSES: readonly HmsStatus[] = Object.values(HmsStatus);

export class NetworkAddressDto {
  @ApiProperty({ description: 'Docker network name', example: 'bridge' })
  @IsString()
  network!: string;

  @ApiProperty({ description: 'IPv4 address on that network', example: '172.17.0.2' })
  @IsIP(4)
  ipv4!: string;
}

export class FaultDto {
  @ApiProperty({ enum: FAULT_CAUSES, description: 'Classified cause of the fault' })
  @IsIn(FAULT_CAUSES)
  cause!: FaultCause;

  @ApiProperty({ description: 'When the fault was seen (ISO 8601)' })
  @IsISO8601()
  at!: string;

  @ApiProperty({ description: 'What was seen, for an operator', example: 'exit 137 after kill' })
  @IsString()
  detail!: string;
}

export class RestartDto {
  @ApiProperty({ enum: FAULT_CAUSES, description: 'The fault that caused the restart' })
  @IsIn(FAULT_CAUSES)
  cause!: FaultCause;

  @ApiProperty({ description: 'When the container was running again (ISO 8601)' })
  @IsISO8601()
  at!: string;

  @ApiProperty({ description: 'From the fault to running again, in milliseconds' })
  @IsNumber()
  @Min(0)
  recoveryMs!: number;
}

/**
 * One container as its manager reports it. An ignored container carries only
 * its short ID and status, as the original system showed it.
 */
export class ContainerStatusDto {
  @ApiProperty({ description: 'Short (12 hex digit) container ID', example: '8db94990d2a1' })
  @IsString()
  id!: string;

  @ApiProperty({ enum: HMS_STATUSES, description: 'What HMS thinks of the container' })
  @IsIn(HMS_STATUSES)
  status!: HmsStatus;

  @ApiPropertyOptional({ description: 'Why it has that status, when not obvious' })
  @IsOptional()
  @IsString()
  statusReason?: string;

  @ApiPropertyOptional({ description: 'Full 64 hex digit container ID' })
  @IsOptional()
  @IsString()
  fullId?: string;

  @ApiPropertyOptional({ description: 'Container name without the leading slash', example: 'web-1' })
  @IsOptional()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: 'Image the container runs', example: 'hms/idle:latest' })
  @IsOptional()
  @IsString()
  image?: string;

  @ApiPropertyOptional({ description: "Docker's state", example: 'running' })
  @IsOptional()
  @IsString()
  state?: string;

  @ApiPropertyOptional({
    description: "Docker HEALTHCHECK status, when the image has one",
    example: 'healthy',
  })
  @IsOptional()
  @IsString()
  health?: string;

  @ApiPropertyOptional({ type: [NetworkAddressDto], description: 'IPv4 address per network' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NetworkAddressDto)
  networks?: NetworkAddressDto[];

  @ApiPropertyOptional({ description: 'Address the probes go to', example: '172.17.0.2' })
  @IsOptional()
  @IsIP(4)
  ipv4?: string;

  @ApiPropertyOptional({ description: 'Packet loss of the last probe, in percent' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  packetLoss?: number;

  @ApiPropertyOptional({ description: 'When the last probe finished (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  probedAt?: string;

  @ApiPropertyOptional({ description: 'Restarts HMS made since the manager started' })
  @IsOptional()
  @IsInt()
  @Min(0)
  restarts?: number;

  @ApiPropertyOptional({ type: FaultDto, description: 'The last fault seen' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FaultDto)
  lastFault?: FaultDto;

  @ApiPropertyOptional({ type: RestartDto, description: 'The last restart HMS made' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RestartDto)
  lastRestart?: RestartDto;
}
