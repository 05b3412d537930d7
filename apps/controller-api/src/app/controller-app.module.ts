import { DynamicModule, Module } from '@nestjs/common';

import { AntagonistModule } from '../antagonist/antagonist.module';
import { ControllerConfig } from '../config/controller.config';
import { ControllerConfigModule } from '../config/controller-config.module';
import { ContainersModule } from '../containers/containers.module';
import { HealthModule } from '../health/health.module';
import { HistoryModule } from '../history/history.module';
import { HostsModule } from '../hosts/hosts.module';
import { MessagingModule } from '../messaging/messaging.module';
import { MetricsModule } from '../metrics/metrics.module';

/** The whole controller, built from one validated configuration. */
@Module({})
export class ControllerAppModule {
  static forRoot(config: ControllerConfig): DynamicModule {
    return {
      module: ControllerAppModule,
      imports: [
        ControllerConfigModule.forRoot(config),
        MessagingModule.forRoot(config),
        HistoryModule.forRoot({
          databasePath: config.historyDb,
          retentionDays: config.historyRetentionDays,
          maxEvents: config.historyMaxEvents,
        }),
        MetricsModule,
        HealthModule,
        HostsModule,
        ContainersModule,
        AntagonistModule,
      ],
    };
  }
}
