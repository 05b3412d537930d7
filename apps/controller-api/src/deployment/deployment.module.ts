import { Module } from '@nestjs/common';

import { PlatformModule } from '../platform/platform.module';
import { DeploymentRepository } from './deployment.repository';
import { HostDeploymentService } from './host-deployment.service';
import { ManagerInstaller } from './manager-installer';
import { ManagerSupervisor } from './manager-supervisor.service';

/**
 * Managers the controller runs on hosts through their Docker engines:
 * deployed with PUT /containers/{address}, removed with DELETE, restarted
 * or deployed again when they go silent.
 */
@Module({
  imports: [PlatformModule],
  providers: [
    DeploymentRepository,
    ManagerInstaller,
    HostDeploymentService,
    ManagerSupervisor,
  ],
  exports: [HostDeploymentService],
})
export class DeploymentModule {}
