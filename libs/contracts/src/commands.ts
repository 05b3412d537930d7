import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** Names of the commands the controller sends; the first five are the report's. */
export const CommandName = {
  GiveContent: 'give_content',
  ContainerThreshold: 'container_threshold',
  ContainerIgnore: 'container_ignore',
  ContainerAdd: 'container_add',
  ConfAntagonist: 'conf_antagonist',
  HostConfigure: 'host_configure',
  HostRetire: 'host_retire',
  AntagonistStart: 'antagonist_start',
  AntagonistStop: 'antagonist_stop',
} as const;

export type CommandName = (typeof CommandName)[keyof typeof CommandName];

/** A container reference: short ID, full ID or name, as an operator types it. */
export const CONTAINER_REF_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

/** Fields every command carries. */
export abstract class CommandBase {
  abstract readonly command: CommandName;

  /** Address of the sender (the controller's identity), as the report asks. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  address!: string;
}

export class GiveContentCommand extends CommandBase {
  @IsIn([CommandName.GiveContent])
  readonly command = CommandName.GiveContent;

  /** Revision the controller already holds; only what changed since is sent. */
  @IsOptional()
  @IsInt()
  @Min(0)
  sinceRevision?: number;
}

export class ContainerThresholdCommand extends CommandBase {
  @IsIn([CommandName.ContainerThreshold])
  readonly command = CommandName.ContainerThreshold;

  /** Packet loss in percent above which a container is restarted. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  threshold!: number;
}

export class ContainerIgnoreCommand extends CommandBase {
  @IsIn([CommandName.ContainerIgnore])
  readonly command = CommandName.ContainerIgnore;

  @Matches(CONTAINER_REF_PATTERN)
  containerId!: string;
}

export class ContainerAddCommand extends CommandBase {
  @IsIn([CommandName.ContainerAdd])
  readonly command = CommandName.ContainerAdd;

  @Matches(CONTAINER_REF_PATTERN)
  containerId!: string;
}

/**
 * The whole desired configuration of a host, sent when its manager announces
 * itself so that nothing an operator set is lost across a manager restart.
 */
export class HostConfigureCommand extends CommandBase {
  @IsIn([CommandName.HostConfigure])
  readonly command = CommandName.HostConfigure;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  threshold!: number;

  /** Full container IDs the operator asked to ignore. */
  @IsArray()
  @ArrayMaxSize(10_000)
  @Matches(CONTAINER_REF_PATTERN, { each: true })
  ignored!: string[];
}

/** Tells a manager to stop acting: its host left supervision. */
export class HostRetireCommand extends CommandBase {
  @IsIn([CommandName.HostRetire])
  readonly command = CommandName.HostRetire;
}

/** The report's antagonist parameters. */
export class AntagonistSettingsDto {
  @ApiProperty({ description: 'Name of the test', example: 'test_low_low' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name!: string;

  @ApiProperty({ description: 'Mean packet loss to inject, in percent', example: 80 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  loss!: number;

  @ApiProperty({ description: 'Probability (%) that an attack stops a container', example: 70 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  balance!: number;

  @ApiProperty({ description: 'Probability (%) that an attack happens each period', example: 25 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  heavy!: number;

  @ApiProperty({ description: 'Seconds between attack attempts', example: 1 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.05)
  @Max(3600)
  frequency!: number;

  @ApiProperty({ description: 'Seconds a packet-loss attack lasts', example: 5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(3600)
  duration!: number;
}

export class ConfAntagonistCommand extends AntagonistSettingsDto {
  @IsIn([CommandName.ConfAntagonist])
  readonly command = CommandName.ConfAntagonist;

  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  address!: string;
}

export class AntagonistStartCommand extends CommandBase {
  @IsIn([CommandName.AntagonistStart])
  readonly command = CommandName.AntagonistStart;
}

export class AntagonistStopCommand extends CommandBase {
  @IsIn([CommandName.AntagonistStop])
  readonly command = CommandName.AntagonistStop;
}

export type ManagerCommand =
  | GiveContentCommand
  | ContainerThresholdCommand
  | ContainerIgnoreCommand
  | ContainerAddCommand
  | HostConfigureCommand
  | HostRetireCommand;

export type AntagonistCommand =
  | ConfAntagonistCommand
  | AntagonistStartCommand
  | AntagonistStopCommand;

export const MANAGER_COMMANDS = {
  [CommandName.GiveContent]: GiveContentCommand,
  [CommandName.ContainerThreshold]: ContainerThresholdCommand,
  [CommandName.ContainerIgnore]: ContainerIgnoreCommand,
  [CommandName.ContainerAdd]: ContainerAddCommand,
  [CommandName.HostConfigure]: HostConfigureCommand,
  [CommandName.HostRetire]: HostRetireCommand,
} as const;

export const ANTAGONIST_COMMANDS = {
  [CommandName.ConfAntagonist]: ConfAntagonistCommand,
  [CommandName.AntagonistStart]: AntagonistStartCommand,
  [CommandName.AntagonistStop]: AntagonistStopCommand,
} as const;
