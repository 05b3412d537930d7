import { Module } from '@nestjs/common';

import { DeploymentModule } from '../deployment/deployment.module';
import { HostsModule } from '../hosts/hosts.module';
import { PlatformModule } from '../platform/platform.module';
import { ContainerHostsController } from './container-hosts.controller';
import { ContainersController } from './containers.controller';
import { ContainersService } from './containers.service';
import { SupervisionService } from './supervision.service';
import { ThresholdService } from './threshold.service';

/** The report's /containers routes. */
@Module({
  imports: [PlatformModule, HostsModule, DeploymentModule],
  controllers: [ContainersController, ContainerHostsController],
  providers: [ContainersService, SupervisionService, ThresholdService],
})
export class ContainersModule {}
