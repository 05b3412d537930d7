import { CommandName, ReplyErrorCode } from '@hms/contracts';
import { Injectable, Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { ContainerNotFoundError } from '../errors/controller-error';
import { CommandClient } from '../messaging/command-client.service';
import { FoundContainer, findContainer } from '../platform/container-lookup';
import { ContentSyncService } from '../platform/content-sync.service';
import { HostState } from '../platform/host-state';
import { PlatformStateService } from '../platform/platform-state.service';
import { throwOnFailure } from './command-failure';
import { ContainerSupervisionResponseDto } from './dto/container-supervision-response.dto';

type SupervisionCommand =
  typeof CommandName.ContainerIgnore | typeof CommandName.ContainerAdd;

/**
 * Takes a container out of supervision (`container_ignore`) or puts it back
 * (`container_add`), and keeps the host's desired ignore list in step so a
 * restarted manager gets it back.
 */
@Injectable()
export class SupervisionService {
  private readonly logger = new Logger(SupervisionService.name);

  constructor(
    private readonly config: ControllerConfig,
    private readonly state: PlatformStateService,
    private readonly commands: CommandClient,
    private readonly sync: ContentSyncService,
  ) {}

  ignore(
    address: string,
    containerRef: string,
  ): Promise<ContainerSupervisionResponseDto> {
    return this.change(address, containerRef, CommandName.ContainerIgnore);
  }

  supervise(
    address: string,
    containerRef: string,
  ): Promise<ContainerSupervisionResponseDto> {
    return this.change(address, containerRef, CommandName.ContainerAdd);
  }

  private async change(
    address: string,
    containerRef: string,
    command: SupervisionCommand,
  ): Promise<ContainerSupervisionResponseDto> {
    const host = this.state.require(address);
    const container = findContainer(host, containerRef);
    if (container === undefined) {
      throw new ContainerNotFoundError(address, containerRef);
    }

    const containerId = container.fullId ?? container.shortId;
    const outcome = await this.commands.send(address, { command, containerId });

    if (outcome.kind === 'silent') {
      host.configurePending = true;
    }
    if (outcome.kind === 'ok' || outcome.kind === 'silent') {
      this.recordDesired(host, container, command);
    }
    if (outcome.kind === 'refused' && outcome.code === ReplyErrorCode.UnknownContainer) {
      // The controller's copy is stale: bring it up to date for the next read.
      void this.sync.refresh(address);
    }
    throwOnFailure(new Map([[address, outcome]]), {
      command,
      timeoutMs: this.config.rpcTimeoutMs,
      whenSilent: `the change is recorded and sent to it as configuration when it answers`,
    });

    // Read-your-writes: the reply says ok; the content says what it looks like now.
    await this.sync.refresh(address);

    return this.respond(host, container, command);
  }

  /** The desired ignore list holds full IDs when known, the short ID otherwise; it is saved. */
  private recordDesired(
    host: HostState,
    container: FoundContainer,
    command: SupervisionCommand,
  ): void {
    const ids = [container.shortId, container.fullId].filter((id) => id !== undefined);
    const others = host.desired.ignored.filter((id) => !ids.includes(id));
    const ignored =
      command === CommandName.ContainerIgnore
        ? [...others, container.fullId ?? container.shortId]
        : others;

    this.state.setIgnored(host, ignored);
  }

  private respond(
    host: HostState,
    container: FoundContainer,
    command: SupervisionCommand,
  ): ContainerSupervisionResponseDto {
    const label = container.name ?? container.shortId;
    const status =
      host.containers.get(container.shortId)?.status ?? container.status.status;
    const message =
      command === CommandName.ContainerIgnore
        ? `${label} on ${host.address} is ignored: it is neither probed nor restarted`
        : `${label} on ${host.address} is supervised again`;
    this.logger.log(message);

    return {
      host: host.address,
      containerId: container.shortId,
      name: container.name,
      status,
      message,
    };
  }
}
