import { CommandName } from '@hms/contracts';
import { Injectable, Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { CommandClient } from '../messaging/command-client.service';
import { CommandOutcome, SILENT } from '../messaging/reply-collection';
import { HostLiveness, HostState } from '../platform/host-state';
import { PlatformStateService } from '../platform/platform-state.service';
import { throwOnFailure } from './command-failure';
import {
  HostThresholdDto,
  ThresholdDelivery,
  ThresholdResponseDto,
} from './dto/threshold-response.dto';

/**
 * Sets the packet loss threshold of one host (unicast `container_threshold`)
 * or of all of them (one fanout message). The desired threshold changes only
 * where the manager said ok, or where it could not answer: there it is
 * recorded and delivered as configuration when the manager is back. Either
 * way it is saved, so a restarted controller still knows it.
 */
@Injectable()
export class ThresholdService {
  private readonly logger = new Logger(ThresholdService.name);

  constructor(
    private readonly config: ControllerConfig,
    private readonly state: PlatformStateService,
    private readonly commands: CommandClient,
  ) {}

  async setOnHost(address: string, threshold: number): Promise<ThresholdResponseDto> {
    const host = this.state.require(address);

    const outcome = await this.commands.send(address, {
      command: CommandName.ContainerThreshold,
      threshold,
    });

    return this.settle([host], threshold, new Map([[address, outcome]]));
  }

  /** Publishes once to every manager; 2xx only once every live host said ok. */
  async setEverywhere(threshold: number): Promise<ThresholdResponseDto> {
    const hosts = this.state.list();
    const live = hosts.filter((host) => host.liveness === HostLiveness.Live);

    const outcomes = await this.commands.broadcast(
      { command: CommandName.ContainerThreshold, threshold },
      live.map((host) => host.address),
    );

    return this.settle(hosts, threshold, outcomes);
  }

  private settle(
    hosts: HostState[],
    threshold: number,
    outcomes: Map<string, CommandOutcome>,
  ): ThresholdResponseDto {
    const deliveries = hosts.flatMap((host) =>
      this.record(host, threshold, outcomes.get(host.address) ?? SILENT),
    );

    // Where it was applied or is pending, the threshold is now desired: saved in one go.
    const recordedOn = hosts.filter((host) =>
      deliveries.some((delivery) => delivery.address === host.address),
    );
    this.state.setThreshold(recordedOn, threshold);
    this.logger.log(
      `threshold ${threshold}% applied on ${count(deliveries, ThresholdDelivery.Applied)} ` +
        `host(s), pending on ${count(deliveries, ThresholdDelivery.Pending)}`,
    );

    throwOnFailure(outcomesOf(hosts, outcomes), {
      command: CommandName.ContainerThreshold,
      timeoutMs: this.config.rpcTimeoutMs,
      whenSilent:
        `threshold ${threshold}% is recorded and delivered when it answers` +
        (hosts.length > 1 ? '; the hosts that answered ok applied it' : ''),
    });

    return { threshold, hosts: deliveries };
  }

  /**
   * A refusal changes nothing; ok applies; silence records and waits for the
   * manager. The desired threshold itself is set (and saved) by the caller.
   */
  private record(
    host: HostState,
    threshold: number,
    outcome: CommandOutcome,
  ): HostThresholdDto[] {
    if (outcome.kind === 'refused' || outcome.kind === 'invalid') {
      return [];
    }

    if (outcome.kind === 'ok') {
      host.reportedThreshold = threshold;

      return [{ address: host.address, delivery: ThresholdDelivery.Applied }];
    }

    host.configurePending = true;

    return [{ address: host.address, delivery: ThresholdDelivery.Pending }];
  }
}

function count(deliveries: HostThresholdDto[], delivery: ThresholdDelivery): number {
  return deliveries.filter((host) => host.delivery === delivery).length;
}

/**
 * The outcomes of the given hosts that were asked or answered: a host that was
 * not live was not asked, and a removed host's manager answering a fanout is
 * no concern of this request.
 */
function outcomesOf(
  hosts: HostState[],
  outcomes: Map<string, CommandOutcome>,
): Map<string, CommandOutcome> {
  return new Map(
    hosts.flatMap((host) => {
      const outcome = outcomes.get(host.address);

      return outcome === undefined ? [] : [[host.address, outcome] as const];
    }),
  );
}
