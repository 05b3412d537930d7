import { RabbitMQModule } from '@golevelup/nestjs-rabbitmq';
import { DynamicModule, Global, Module } from '@nestjs/common';

import { DockerEngine } from '@hms/docker';

import { HostSettings } from './config/host-settings';
import { ManagerConfig } from './config/manager.config';
import { ScopeFilter } from './config/scope-filter';
import { FaultDetector } from './faults/fault-detector';
import { Healer } from './healing/healer';
import { RestartJournal } from './healing/restart-journal';
import { RestartPolicy } from './healing/restart-policy';
import { ManagerRuntime } from './manager-runtime';
import { CommandConsumer } from './messaging/command-consumer';
import { CommandDispatcher } from './messaging/command-dispatcher';
import { NoticePublisher } from './messaging/notice-publisher';
import { rabbitMqOptions } from './messaging/rabbitmq-options';
import { IcmpProber, Prober } from './probing/icmp-prober';
import { ProbeScheduler } from './probing/probe-scheduler';
import { ContainerRegistry } from './registry/container-registry';
import { EventWatcher } from './watching/event-watcher';
import { Reconciler } from './watching/reconciler';

/** Makes the validated configuration injectable everywhere, broker module included. */
@Global()
@Module({})
class ManagerConfigModule {
  static forValue(config: ManagerConfig): DynamicModule {
    return {
      module: ManagerConfigModule,
      providers: [{ provide: ManagerConfig, useValue: config }],
      exports: [ManagerConfig],
    };
  }
}

/**
 * One manager: everything it needs for one Docker host. Built from an already
 * validated configuration, so tests can create it in-process too.
 */
@Module({})
export class ManagerModule {
  static forConfig(config: ManagerConfig): DynamicModule {
    const configModule = ManagerConfigModule.forValue(config);

    return {
      module: ManagerModule,
      imports: [
        configModule,
        RabbitMQModule.forRootAsync({
          imports: [configModule],
          inject: [ManagerConfig],
          useFactory: rabbitMqOptions,
        }),
      ],
      providers: [
        {
          provide: DockerEngine,
          inject: [ManagerConfig],
          useFactory: (settings: ManagerConfig) =>
            new DockerEngine({ address: settings.dockerSocket }),
        },
        {
          provide: RestartPolicy,
          inject: [ManagerConfig],
          useFactory: (settings: ManagerConfig) =>
            new RestartPolicy({
              baseMs: settings.restartBackoffBaseMs,
              maxMs: settings.restartBackoffMaxMs,
              resetAfterMs: settings.restartResetMs,
            }),
        },
        IcmpProber,
        { provide: Prober, useExisting: IcmpProber },
        HostSettings,
        ScopeFilter,
        ContainerRegistry,
        RestartJournal,
        Healer,
        FaultDetector,
        Reconciler,
        EventWatcher,
        ProbeScheduler,
        CommandDispatcher,
        CommandConsumer,
        NoticePublisher,
        ManagerRuntime,
      ],
    };
  }
}
