import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { NoticeKind } from './protocol';

abstract class NoticeBase {
  abstract readonly kind: NoticeKind;

  /** Address of the host the sender runs on. */
  @IsString()
  @IsNotEmpty()
  address!: string;
}

/** Sent by a manager when it starts, so the controller sends it its configuration. */
export class AnnounceNotice extends NoticeBase {
  @IsIn([NoticeKind.Announce])
  readonly kind = NoticeKind.Announce;

  @IsInt()
  @Min(1)
  protocol!: number;

  @IsISO8601()
  startedAt!: string;

  @IsNumber()
  @Min(0)
  @Max(100)
  threshold!: number;
}

/** Sent by a manager whenever its monitor log changed. */
export class UpdateNotice extends NoticeBase {
  @IsIn([NoticeKind.Update])
  readonly kind = NoticeKind.Update;

  @IsInt()
  @Min(0)
  revision!: number;
}

/** Sent by a manager on a fixed period: it is alive and where its log stands. */
export class HeartbeatNotice extends NoticeBase {
  @IsIn([NoticeKind.Heartbeat])
  readonly kind = NoticeKind.Heartbeat;

  @IsInt()
  @Min(1)
  protocol!: number;

  @IsInt()
  @Min(0)
  revision!: number;

  @IsNumber()
  @Min(0)
  @Max(100)
  threshold!: number;

  @IsInt()
  @Min(0)
  containerCount!: number;

  /** False once the host was retired: the manager runs but does not act. */
  @IsBoolean()
  acting!: boolean;

  @IsISO8601()
  startedAt!: string;
}

export const AttackKind = { Stop: 'stop', PacketLoss: 'packet-loss' } as const;

export type AttackKind = (typeof AttackKind)[keyof typeof AttackKind];

export class AttackDto {
  @IsISO8601()
  at!: string;

  @IsString()
  containerId!: string;

  @IsString()
  containerName!: string;

  @IsIn(Object.values(AttackKind))
  attack!: AttackKind;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  loss?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  durationSeconds?: number;

  /** How loss was injected: `netem` or `iptables`. */
  @IsOptional()
  @IsString()
  method?: string;

  @IsString()
  test!: string;
}

/** Sent by an antagonist for every attack: the experiment's ground truth. */
export class AttackNotice extends NoticeBase {
  @IsIn([NoticeKind.Attack])
  readonly kind = NoticeKind.Attack;

  @ValidateNested()
  @Type(() => AttackDto)
  attack!: AttackDto;
}

export type Notice = AnnounceNotice | UpdateNotice | HeartbeatNotice | AttackNotice;

export const NOTICES = {
  [NoticeKind.Announce]: AnnounceNotice,
  [NoticeKind.Update]: UpdateNotice,
  [NoticeKind.Heartbeat]: HeartbeatNotice,
  [NoticeKind.Attack]: AttackNotice,
} as const;
