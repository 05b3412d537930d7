import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Min } from 'class-validator';

import { FAULT_CAUSES, FaultCause } from './fault-cause';

/** Kinds of entries in a manager's monitor log. */
export const MonitorLogKind = {
  Discovered: 'discovered',
  Removed: 'removed',
  Fault: 'fault',
  Restart: 'restart',
  RestartFailed: 'restart-failed',
  Ignored: 'ignored',
  Supervised: 'supervised',
  Threshold: 'threshold',
} as const;

export type MonitorLogKind = (typeof MonitorLogKind)[keyof typeof MonitorLogKind];

export const MONITOR_LOG_KINDS: readonly MonitorLogKind[] = Object.values(MonitorLogKind);

/** One action or observation of a manager, in the order it happened. */
export class MonitorLogEntryDto {
  @ApiProperty({ description: 'Revision of the monitor log this entry created' })
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiProperty({ description: 'When it happened (ISO 8601)' })
  @IsISO8601()
  at!: string;

  @ApiProperty({ enum: MONITOR_LOG_KINDS })
  @IsIn(MONITOR_LOG_KINDS)
  kind!: MonitorLogKind;

  @ApiPropertyOptional({ description: 'Short ID of the container concerned' })
  @IsOptional()
  @IsString()
  containerId?: string;

  @ApiPropertyOptional({ description: 'Name of the container concerned' })
  @IsOptional()
  @IsString()
  containerName?: string;

  @ApiPropertyOptional({ enum: FAULT_CAUSES, description: 'Cause, for faults and restarts' })
  @IsOptional()
  @IsIn(FAULT_CAUSES)
  cause?: FaultCause;

  @ApiPropertyOptional({ description: 'From the fault to running again, for restarts (ms)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  recoveryMs?: number;

  @ApiProperty({ description: 'One line for an operator', example: 'restarted web-1 (stopped)' })
  @IsString()
  message!: string;
}
