import { Injectable, Logger } from '@nestjs/common';

import {
  CommandName,
  CommandReply,
  errorReply,
  HostConfigureCommand,
  ManagerCommand,
  MonitorLogKind,
  okReply,
  parseManagerCommand,
  ReplyErrorCode,
} from '@hms/contracts';

import { HostSettings } from '../config/host-settings';
import { ManagerConfig } from '../config/manager.config';
import { FaultDetector } from '../faults/fault-detector';
import { Healer } from '../healing/healer';
import { ManagerError, ManagerErrorCode } from '../manager-error';
import { ContainerRecord } from '../registry/container-record';
import { ContainerRegistry } from '../registry/container-registry';

/**
 * The refusals a ManagerError stands for; any other failure is the manager's
 * own (INTERNAL), which the controller reports as a bad gateway, not as the
 * operator's mistake.
 */
const REPLY_CODE_BY_ERROR: Readonly<Partial<Record<ManagerErrorCode, ReplyErrorCode>>> = {
  [ManagerErrorCode.UnknownContainer]: ReplyErrorCode.UnknownContainer,
  [ManagerErrorCode.LabelIgnored]: ReplyErrorCode.Conflict,
};

/**
 * Executes the controller's commands. Every message gets an `ok` or `error`
 * reply, the error with a code saying why; nothing it receives can make it
 * throw.
 */
@Injectable()
export class CommandDispatcher {
  private readonly logger = new Logger(CommandDispatcher.name);

  constructor(
    private readonly config: ManagerConfig,
    private readonly registry: ContainerRegistry,
    private readonly settings: HostSettings,
    private readonly healer: Healer,
    private readonly detector: FaultDetector,
  ) {}

  dispatch(raw: unknown): CommandReply {
    const parsed = parseManagerCommand(raw);
    if (!parsed.ok) {
      this.logger.warn(`refused a malformed command: ${parsed.reason}`);

      return errorReply(
        this.config.hostAddress,
        parsed.reason,
        ReplyErrorCode.InvalidCommand,
      );
    }

    try {
      return this.execute(parsed.value);
    } catch (error) {
      return this.failure(parsed.value, error);
    }
  }

  private execute(command: ManagerCommand): CommandReply {
    switch (command.command) {
      case CommandName.GiveContent:
        return okReply(
          this.config.hostAddress,
          this.registry.contentSince(command.sinceRevision),
        );
      case CommandName.ContainerThreshold:
        return this.setThreshold(command.threshold, command.address);
      case CommandName.ContainerIgnore:
        return this.ignore(this.resolve(command.containerId));
      case CommandName.ContainerAdd:
        return this.supervise(this.resolve(command.containerId));
      case CommandName.HostConfigure:
        return this.configure(command);
      case CommandName.HostRetire:
        return this.retire(command.address);
    }
  }

  private setThreshold(threshold: number, sender: string): CommandReply {
    const previous = this.settings.threshold;
    this.settings.threshold = threshold;

    if (previous !== threshold) {
      const message = `threshold ${previous}% -> ${threshold}% (set by ${sender})`;
      this.registry.note({ kind: MonitorLogKind.Threshold, message });
      this.logger.log(message);
    }

    return okReply(this.config.hostAddress);
  }

  private ignore(record: ContainerRecord): CommandReply {
    const { snapshot } = record;
    if (this.settings.isIgnored(snapshot)) {
      return okReply(this.config.hostAddress);
    }

    this.settings.ignore(snapshot);
    this.healer.cancel(snapshot.id);
    this.logIgnoreChange(record, true);

    return okReply(this.config.hostAddress);
  }

  private supervise(record: ContainerRecord): CommandReply {
    const { snapshot } = record;
    if (this.settings.isLabelIgnored(snapshot)) {
      throw new ManagerError(
        ManagerErrorCode.LabelIgnored,
        `container ${snapshot.name} on host ${this.config.hostAddress} is ignored ` +
          `by its label ${this.settings.ignoreLabel}=true; remove the label ` +
          '(recreate the container without it) to supervise it',
      );
    }
    if (!this.settings.isListIgnored(snapshot)) {
      return okReply(this.config.hostAddress);
    }

    this.settings.supervise(snapshot);
    this.logIgnoreChange(record, false);
    this.detector.check(snapshot.id);

    return okReply(this.config.hostAddress);
  }

  /** The controller's whole desired configuration; also brings a retired host back. */
  private configure(command: HostConfigureCommand): CommandReply {
    this.setThreshold(command.threshold, command.address);

    const records = this.registry.all();
    const wasIgnored = new Map(
      records.map((r) => [r, this.settings.isIgnored(r.snapshot)]),
    );
    this.settings.replaceIgnoreList(command.ignored);

    for (const [record, before] of wasIgnored) {
      const now = this.settings.isIgnored(record.snapshot);
      if (now !== before) {
        this.logIgnoreChange(record, now);
      }
      if (now) {
        this.healer.cancel(record.snapshot.id);
      }
    }

    if (!this.settings.acting) {
      this.settings.acting = true;
      this.registry.touchAll();
      this.logger.log(
        `host ${this.config.hostAddress} acts again (configured by ${command.address})`,
      );
    }
    for (const record of records) {
      this.detector.check(record.snapshot.id);
    }

    return okReply(this.config.hostAddress);
  }

  private retire(sender: string): CommandReply {
    if (this.settings.acting) {
      this.settings.acting = false;
      this.healer.cancelAll();
      this.registry.touchAll();
      this.logger.warn(
        `host ${this.config.hostAddress} retired by ${sender}: ` +
          'no more probes or restarts',
      );
    }

    return okReply(this.config.hostAddress);
  }

  private resolve(ref: string): ContainerRecord {
    const record = this.registry.resolve(ref);
    if (record === undefined) {
      throw new ManagerError(
        ManagerErrorCode.UnknownContainer,
        `unknown container ${ref} on host ${this.config.hostAddress}`,
      );
    }

    return record;
  }

  private logIgnoreChange(record: ContainerRecord, ignored: boolean): void {
    const { id, shortId, name } = record.snapshot;
    const message = ignored
      ? `${name} ignored: no probes, no restarts`
      : `${name} supervised again`;

    this.registry.update(id, () => undefined, {
      kind: ignored ? MonitorLogKind.Ignored : MonitorLogKind.Supervised,
      containerId: shortId,
      containerName: name,
      message,
    });
    this.logger.log(message);
  }

  private failure(command: ManagerCommand, error: unknown): CommandReply {
    const refusal = refusalOf(error);
    if (refusal !== undefined) {
      this.logger.warn(
        `refused ${command.command} from ${command.address} ` +
          `(${refusal.code}): ${refusal.reason}`,
      );

      return errorReply(this.config.hostAddress, refusal.reason, refusal.code);
    }

    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `${command.command} from ${command.address} failed: ${reason}`,
      error instanceof Error ? error.stack : undefined,
    );

    return errorReply(
      this.config.hostAddress,
      `${command.command} failed on the manager: ${reason}`,
      ReplyErrorCode.Internal,
    );
  }
}

/** The refusal an expected ManagerError stands for; undefined for any other failure. */
function refusalOf(error: unknown): { code: ReplyErrorCode; reason: string } | undefined {
  if (!(error instanceof ManagerError)) {
    return undefined;
  }
  const code = REPLY_CODE_BY_ERROR[error.code];

  return code === undefined ? undefined : { code, reason: error.message };
}
