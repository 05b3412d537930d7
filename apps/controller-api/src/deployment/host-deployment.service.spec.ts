import { DockerError, DockerErrorCode } from '@hms/docker';
import { Logger } from '@nestjs/common';

import { PlatformStateService } from '../platform/platform-state.service';
import { DeploymentRepository, ManagerDeployment } from './deployment.repository';
import { HostDeploymentService } from './host-deployment.service';
import { ManagerInstaller } from './manager-installer';

const DEPLOYMENT: ManagerDeployment = {
  address: '10.213.0.13',
  engine: 'tcp://10.213.0.13:2376',
  engineSocket: '/run/hms/docker-vm3.sock',
  containerName: 'hms-manager-unit',
  deployedAt: 0,
};

/** The saved deployments, in memory. */
function repositoryOf(...saved: ManagerDeployment[]): DeploymentRepository {
  const byAddress = new Map(saved.map((d) => [d.address, d]));

  return {
    find: (address: string) => byAddress.get(address),
    delete: (address: string) => byAddress.delete(address),
  } as unknown as DeploymentRepository;
}

function serviceWith(
  uninstall: () => Promise<boolean>,
  deployments: DeploymentRepository,
): HostDeploymentService {
  const installer = { uninstall } as unknown as ManagerInstaller;

  return new HostDeploymentService({} as PlatformStateService, installer, deployments);
}

describe('HostDeploymentService.withdraw', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('removes the manager container of a deployed host', async () => {
    const sut = serviceWith(async () => true, repositoryOf(DEPLOYMENT));

    expect(await sut.withdraw(DEPLOYMENT.address)).toEqual({
      managerContainer: 'removed',
    });
  });

  it('says why it left the container, and how to remove it, when the engine fails', async () => {
    const unreachable = new DockerError(
      DockerErrorCode.EngineUnreachable,
      { operation: 'stop on https://10.213.0.13:2376', container: 'hms-manager-unit' },
      'connect ETIMEDOUT 10.213.0.13:2376',
    );
    const deployments = repositoryOf(DEPLOYMENT);
    const sut = serviceWith(() => Promise.reject(unreachable), deployments);

    const outcome = await sut.withdraw(DEPLOYMENT.address);

    expect(outcome.managerContainer).toBe('left');
    expect(outcome.managerContainerProblem).toContain(
      'connect ETIMEDOUT 10.213.0.13:2376',
    );
    expect(outcome.managerContainerProblem).toContain(
      'Remove the container hms-manager-unit on the host yourself ' +
        '(docker rm -f hms-manager-unit)',
    );
    expect(deployments.find(DEPLOYMENT.address)).toBeUndefined();
  });

  it('leaves alone a host whose manager it did not deploy', async () => {
    const sut = serviceWith(async () => true, repositoryOf());

    expect(await sut.withdraw(DEPLOYMENT.address)).toEqual({
      managerContainer: 'not-deployed',
    });
  });
});
