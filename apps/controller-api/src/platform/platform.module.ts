import { Module } from '@nestjs/common';

import { MetricsModule } from '../metrics/metrics.module';
import { ConfigurationDelivery } from './configuration-delivery.service';
import { ContentSyncService } from './content-sync.service';
import { DesiredStateRepository } from './desired-state.repository';
import { HostMembershipService } from './host-membership.service';
import { HostRegistryService } from './host-registry.service';
import { LivenessMonitor } from './liveness-monitor.service';
import { NoticeConsumer } from './notice-consumer.service';
import { PlatformStateService } from './platform-state.service';

/**
 * The controller's picture of the platform: hosts, their managers' liveness
 * and configuration, and their containers kept in step through notices and
 * content requests. The desired configuration is saved in the history's
 * database (HistoryModule, global, exports it).
 */
@Module({
  imports: [MetricsModule],
  providers: [
    DesiredStateRepository,
    PlatformStateService,
    ContentSyncService,
    ConfigurationDelivery,
    HostMembershipService,
    HostRegistryService,
    LivenessMonitor,
    NoticeConsumer,
  ],
  exports: [PlatformStateService, ContentSyncService, HostMembershipService],
})
export class PlatformModule {}
