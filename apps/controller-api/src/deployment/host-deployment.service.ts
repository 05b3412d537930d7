import { Injectable, Logger } from '@nestjs/common';

import { HostLiveness } from '../platform/host-state';
import { PlatformStateService } from '../platform/platform-state.service';
import { HostManagedElsewhereError } from './deployment-error';
import { deploymentTarget } from './deployment-request';
import { DeploymentRepository, ManagerDeployment } from './deployment.repository';
import { ManagerInstaller } from './manager-installer';
import { ManagerDeploymentDto } from './manager-deployment.dto';

/** What became of a deployed host's manager container when the host was removed. */
export type ManagerWithdrawal = 'removed' | 'absent' | 'not-deployed' | 'left';

export interface ManagerWithdrawalOutcome {
  readonly managerContainer: ManagerWithdrawal;

  /** With `left` only: why the container is still there, and how to remove it. */
  readonly managerContainerProblem?: string;
}

/**
 * Hosts whose manager the controller runs: deploying it when an operator
 * adds a host with its engine endpoint, removing it with the host, and
 * reviving it (for ManagerSupervisor). One operation per host at a time.
 */
@Injectable()
export class HostDeploymentService {
  private readonly logger = new Logger(HostDeploymentService.name);
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(
    private readonly state: PlatformStateService,
    private readonly installer: ManagerInstaller,
    private readonly deployments: DeploymentRepository,
  ) {}

  /**
   * Deploys (or keeps) the host's manager; the host is added as `deploying`
   * once its container runs and turns live when the manager announces itself.
   * A failure leaves no host and no container behind.
   */
  async deploy(
    address: string,
    request: ManagerDeploymentDto,
  ): Promise<{ created: boolean }> {
    const target = await deploymentTarget(address, request);
    const host = this.state.find(address);
    if (
      host?.liveness === HostLiveness.Live &&
      this.deployments.find(address) === undefined
    ) {
      throw new HostManagedElsewhereError(address);
    }

    return this.exclusive(address, async () => {
      const started = Date.now();
      // Before the install: a fast manager may announce itself while it runs.
      const created = this.state.find(address) === undefined;
      const outcome = await this.installer.install(target);

      try {
        this.listAsDeploying(address);
        this.deployments.save({
          ...target,
          containerName: outcome.containerName,
          deployedAt: Date.now(),
        });
      } catch (error) {
        // Not saved means not supervised: the manager must not run unknown to us.
        await this.installer.uninstall(target).catch(() => undefined);
        throw error;
      }
      const how = outcome.reused ? 'kept its running' : 'started a';
      const loaded = outcome.imageLoaded ? 'image loaded, ' : '';
      this.logger.log(
        `host ${address}: ${how} manager ${outcome.containerName} on ${target.engine} ` +
          `(${loaded}${Date.now() - started} ms); waiting for it to announce itself`,
      );

      return { created };
    });
  }

  /** The deployment of a host, when the controller deployed its manager. */
  find(address: string): ManagerDeployment | undefined {
    return this.deployments.find(address);
  }

  list(): ManagerDeployment[] {
    return this.deployments.list();
  }

  /**
   * Stops and removes the manager container of a host that left supervision.
   * An engine that does not answer leaves it running: the answer says so,
   * and how to remove it by hand.
   */
  withdraw(address: string): Promise<ManagerWithdrawalOutcome> {
    const deployment = this.deployments.find(address);
    if (deployment === undefined) {
      return Promise.resolve({ managerContainer: 'not-deployed' });
    }

    return this.exclusive(address, async () => {
      this.deployments.delete(address);
      try {
        const removed = await this.installer.uninstall(deployment);
        const what = removed ? 'removed' : 'found no';
        this.logger.log(
          `host ${address}: ${what} manager container ${deployment.containerName} ` +
            `on ${deployment.engine}`,
        );

        return { managerContainer: removed ? 'removed' : 'absent' };
      } catch (error) {
        const problem = leftContainerProblem(deployment, error);
        this.logger.error(`host ${address}: ${problem}`);

        return { managerContainer: 'left', managerContainerProblem: problem };
      }
    });
  }

  /** Restarts or redeploys a deployed manager; undefined when another operation holds the host. */
  async revive(
    deployment: ManagerDeployment,
  ): Promise<'restarted' | 'redeployed' | undefined> {
    if (this.busy.has(deployment.address)) {
      return undefined;
    }

    return this.exclusive(deployment.address, () => this.installer.revive(deployment));
  }

  /** A manager that announced itself already made the host live: it stays so. */
  private listAsDeploying(address: string): void {
    const host =
      this.state.find(address) ?? this.state.add(address, HostLiveness.Deploying);

    if (host.liveness === HostLiveness.Waiting) {
      host.liveness = HostLiveness.Deploying;
    }
  }

  private async exclusive<T>(address: string, work: () => Promise<T>): Promise<T> {
    const previous = this.busy.get(address) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.busy.set(address, current);

    try {
      return await current;
    } finally {
      if (this.busy.get(address) === current) {
        this.busy.delete(address);
      }
    }
  }
}

function leftContainerProblem(deployment: ManagerDeployment, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  const name = deployment.containerName;

  return (
    `the manager container ${name} is still on the host: it could not be removed ` +
    `through ${deployment.engine} (${reason}). Remove the container ${name} on the ` +
    `host yourself (docker rm -f ${name})`
  );
}
