import { RabbitMQModule } from '@golevelup/nestjs-rabbitmq';
import { amqpExchanges, amqpTopology, antagonistRoutingKey } from '@hms/contracts';
import { DynamicModule, Module } from '@nestjs/common';
import Docker from 'dockerode';

import { AttackCampaign } from './attack/attack-campaign.service';
import {
  MathRandomSource,
  RANDOM_SOURCE,
  SeededRandomSource,
} from './attack/random-source';
import { AntagonistConfig } from './config/antagonist-config';
import { ANTAGONIST_CONFIG, DOCKER } from './config/tokens';
import { TargetContainers } from './docker/target-containers';
import { InjectedLosses } from './loss/injected-losses';
import { IptablesLoss } from './loss/iptables-loss';
import { NetemLoss } from './loss/netem-loss';
import { NetnsCommand } from './loss/netns-command';
import { PacketLossInjector } from './loss/packet-loss-injector';
import {
  ANTAGONIST_COMMAND_HANDLER,
  AntagonistCommandHandler,
} from './messaging/antagonist-command.handler';
import { AttackPublisher } from './messaging/attack-publisher';

/**
 * The command queue outlives a restart of the antagonist (commands sent
 * meanwhile wait for it) but not a day of silence: test namespaces must not
 * pile up in a shared broker.
 */
const COMMAND_QUEUE_EXPIRES_MS = 10 * 60 * 1000;

@Module({})
export class AppModule {
  static forRoot(config: AntagonistConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [RabbitMQModule.forRoot(rabbitConfig(config))],
      providers: [
        { provide: ANTAGONIST_CONFIG, useValue: config },
        { provide: DOCKER, useValue: new Docker({ socketPath: config.dockerSocket }) },
        {
          provide: RANDOM_SOURCE,
          useValue:
            config.seed === undefined
              ? new MathRandomSource()
              : new SeededRandomSource(config.seed),
        },
        TargetContainers,
        NetnsCommand,
        NetemLoss,
        IptablesLoss,
        PacketLossInjector,
        InjectedLosses,
        AttackPublisher,
        AttackCampaign,
        AntagonistCommandHandler,
      ],
    };
  }
}

function rabbitConfig(config: AntagonistConfig) {
  const topology = amqpTopology(config.namespace);

  return {
    uri: config.amqpUrl,
    // It takes commands by host address only: no fanout exchange to declare.
    exchanges: amqpExchanges(config.namespace).filter(
      ({ name }) => name !== topology.broadcast,
    ),
    handlers: {
      [ANTAGONIST_COMMAND_HANDLER]: {
        exchange: topology.commands,
        routingKey: antagonistRoutingKey(config.hostAddress),
        queue: `${config.namespace}.antagonist.${config.hostAddress}.commands`,
        queueOptions: { durable: false, expires: COMMAND_QUEUE_EXPIRES_MS },
      },
    },
    connectionInitOptions: { wait: true, timeout: 15_000 },
  };
}
