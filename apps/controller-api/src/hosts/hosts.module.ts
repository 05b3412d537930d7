import { Module } from '@nestjs/common';

import { MetricsModule } from '../metrics/metrics.module';
import { PlatformModule } from '../platform/platform.module';
import { HostsController } from './hosts.controller';
import { HostsService } from './hosts.service';

/** GET /hosts, and the host addition and removal that /containers/{address} exposes. */
@Module({
  imports: [PlatformModule, MetricsModule],
  controllers: [HostsController],
  providers: [HostsService],
  exports: [HostsService],
})
export class HostsModule {}
