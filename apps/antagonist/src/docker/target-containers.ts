import { Inject, Injectable } from '@nestjs/common';
import Docker from 'dockerode';

import { AntagonistError, AntagonistErrorCode } from '../antagonist-error';
import { AttackTarget } from '../attack/attack-planner';
import { ANTAGONIST_CONFIG, DOCKER } from '../config/tokens';
import { AntagonistConfig } from '../config/antagonist-config';

/** Containers an operator excluded from supervision are never attacked. */
const IGNORE_LABEL = 'hms.ignore';

/** HTTP status the engine answers when a container is already stopped. */
const NOT_MODIFIED = 304;

const NOT_FOUND = 404;

/**
 * The containers of this host's engine that the antagonist may attack:
 * running, carrying the scope label when one is configured, not ignored.
 */
@Injectable()
export class TargetContainers {
  constructor(
    @Inject(DOCKER) private readonly docker: Docker,
    @Inject(ANTAGONIST_CONFIG) private readonly config: AntagonistConfig,
  ) {}

  async listRunning(): Promise<AttackTarget[]> {
    const label = this.config.scopeLabel ? [this.config.scopeLabel] : [];
    const containers = await this.docker.listContainers({
      filters: { status: ['running'], label },
    });

    return containers
      .filter((container) => container.Labels[IGNORE_LABEL] !== 'true')
      .map((container) => ({
        id: container.Id,
        name: (container.Names[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
      }));
  }

  /** Pid of the container's main process, whose network namespace is the container's. */
  async pidOf(target: AttackTarget): Promise<number> {
    const details = await this.docker
      .getContainer(target.id)
      .inspect()
      .catch((error) => {
        if ((error as { statusCode?: number }).statusCode === NOT_FOUND) {
          throw new AntagonistError(
            AntagonistErrorCode.ContainerNotRunning,
            `container ${target.name} no longer exists`,
          );
        }
        throw error;
      });
    if (!details.State.Running || details.State.Pid <= 0) {
      throw new AntagonistError(
        AntagonistErrorCode.ContainerNotRunning,
        `container ${target.name} is ${details.State.Status}, it has no network namespace`,
      );
    }

    return details.State.Pid;
  }

  /**
   * Stops at once, like `docker stop -t 0`: the engine sends SIGTERM and
   * SIGKILL right after, so the fault is a stop that takes effect now, not
   * one that waits out a grace period.
   */
  async stop(target: AttackTarget): Promise<void> {
    try {
      await this.docker.getContainer(target.id).stop({ t: 0 });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== NOT_MODIFIED) {
        throw error;
      }
    }
  }
}
