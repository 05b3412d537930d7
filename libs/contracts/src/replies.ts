import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { ContainerStatusDto } from './container-status';
import { MonitorLogEntryDto } from './monitor-log';

/**
 * A manager's monitor log as `give_content` returns it. When the request named
 * a revision the manager still covers, `full` is false and only what changed
 * since is listed; otherwise everything is.
 */
export class ManagerContentDto {
  @ApiProperty({ description: 'Revision of the monitor log this content brings you to' })
  @IsInt()
  @Min(0)
  revision!: number;

  @ApiProperty({ description: 'True when this is the whole log, false for a delta' })
  @IsBoolean()
  full!: boolean;

  @ApiProperty({ description: 'Packet loss threshold in force on the host (%)' })
  @IsNumber()
  @Min(0)
  @Max(100)
  threshold!: number;

  @ApiProperty({ type: [ContainerStatusDto], description: 'Containers that changed' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContainerStatusDto)
  containers!: ContainerStatusDto[];

  @ApiProperty({ type: [String], description: 'Short IDs of containers that left the host' })
  @IsArray()
  @IsString({ each: true })
  removed!: string[];

  @ApiProperty({ type: [MonitorLogEntryDto], description: 'Log entries since the revision' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MonitorLogEntryDto)
  log!: MonitorLogEntryDto[];
}

export const ReplyStatus = { Ok: 'ok', Error: 'error' } as const;

export type ReplyStatus = (typeof ReplyStatus)[keyof typeof ReplyStatus];

/**
 * Why a command was refused, so that the controller can tell the operator's
 * mistake (a 4xx) from a manager's trouble without matching on the text.
 */
export const ReplyErrorCode = {
  /** The message failed validation or named an unknown command. */
  InvalidCommand: 'INVALID_COMMAND',

  /** The command names a container the host does not have. */
  UnknownContainer: 'UNKNOWN_CONTAINER',

  /** The command conflicts with the container's or host's state. */
  Conflict: 'CONFLICT',

  /** The replier failed while carrying the command out. */
  Internal: 'INTERNAL',
} as const;

export type ReplyErrorCode = (typeof ReplyErrorCode)[keyof typeof ReplyErrorCode];

export const REPLY_ERROR_CODES: readonly ReplyErrorCode[] = Object.values(ReplyErrorCode);

/** Every command is answered with `ok` or `error` and the replier's address. */
export class CommandReply {
  @IsIn(Object.values(ReplyStatus))
  command!: ReplyStatus;

  @IsString()
  @IsNotEmpty()
  address!: string;

  @IsOptional()
  @IsString()
  reason?: string;

  /** Set on `error` replies; older managers may leave it out. */
  @IsOptional()
  @IsIn(REPLY_ERROR_CODES)
  code?: ReplyErrorCode;

  @IsOptional()
  @ValidateNested()
  @Type(() => ManagerContentDto)
  content?: ManagerContentDto;
}

export function okReply(address: string, content?: ManagerContentDto): CommandReply {
  return content === undefined
    ? { command: ReplyStatus.Ok, address }
    : { command: ReplyStatus.Ok, address, content };
}

export function errorReply(
  address: string,
  reason: string,
  code: ReplyErrorCode = ReplyErrorCode.Internal,
): CommandReply {
  return { command: ReplyStatus.Error, address, reason, code };
}

export class ApiErrorDto {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'HOST_NOT_FOUND', description: 'Stable code to match on' })
  code!: string;

  @ApiProperty({ example: 'No host 10.0.0.9 is known; PUT /containers/10.0.0.9 adds it' })
  message!: string;

  @ApiPropertyOptional({ type: [String], description: 'Each problem with the input' })
  details?: string[];
}
