import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { amqpTopology, AmqpTopology, ManagerCommand } from '@hms/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { Options } from 'amqplib';
import { randomUUID } from 'node:crypto';

import { ControllerConfig } from '../config/controller.config';
import { MessageDirection } from '../metrics/host-bandwidth';
import { MetricsService } from '../metrics/metrics.service';
import {
  CommandOutcome,
  describeOutcome,
  interpretReply,
  ReplyCollection,
  SILENT,
} from './reply-collection';
import { ReceivedReply, ReplyQueue } from './reply-queue.service';

/** A command as callers write it; the sender address is added on the way out. */
export type CommandBody = ManagerCommand extends infer C
  ? C extends ManagerCommand
    ? Omit<C, 'address'>
    : never
  : never;

/**
 * amqplib's publish options plus the `timeout` that amqp-connection-manager,
 * under golevelup, honours: a publish the broker never confirms is rejected.
 */
type TimedPublishOptions = Options.Publish & { timeout: number };

/**
 * Sends commands to managers and gathers their replies: unicast over the
 * direct exchange (routing key = host address) or fanout over the broadcast
 * exchange. Every message both ways is counted per host.
 */
@Injectable()
export class CommandClient {
  private readonly logger = new Logger(CommandClient.name);
  private readonly topology: AmqpTopology;

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly replies: ReplyQueue,
    private readonly metrics: MetricsService,
    private readonly config: ControllerConfig,
  ) {
    this.topology = amqpTopology(config.namespace);
  }

  /** Sends a command to one host's manager and waits for its reply or the timeout. */
  async send(address: string, body: CommandBody): Promise<CommandOutcome> {
    const outcomes = await this.request(this.topology.commands, address, body, [address]);

    return outcomes.get(address) ?? SILENT;
  }

  /**
   * Publishes a command once to every manager and waits until each expected
   * host answered or the timeout passed. Hosts that answer without being
   * expected are in the result too.
   */
  broadcast(body: CommandBody, expected: string[]): Promise<Map<string, CommandOutcome>> {
    return this.request(this.topology.broadcast, '', body, expected);
  }

  private request(
    exchange: string,
    routingKey: string,
    body: CommandBody,
    expected: string[],
  ): Promise<Map<string, CommandOutcome>> {
    const payload = Buffer.from(
      JSON.stringify({ ...body, address: this.config.controllerAddress }),
    );
    const correlationId = randomUUID();
    const collection = new ReplyCollection(expected);

    return new Promise((resolve) => {
      const stopListening = this.replies.listen(correlationId, (reply) => {
        this.accept(collection, reply);
        if (collection.complete) {
          finish();
        }
      });
      const timer = setTimeout(() => finish(), this.config.rpcTimeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        stopListening();
        resolve(collection.result());
      };

      this.publish(exchange, routingKey, payload, correlationId)
        .then(() => {
          expected.forEach((host) => this.count(host, 'out', payload.length));
          // With no host to wait for, publishing was all there was to do.
          if (collection.complete) {
            finish();
          }
        })
        .catch((error: unknown) => {
          this.logger.error(
            `could not publish ${body.command} to ${exchange} (${routingKey || 'fanout'}): ` +
              `${String(error)}; is the broker up?`,
          );
          finish();
        });
    });
  }

  private async publish(
    exchange: string,
    routingKey: string,
    payload: Buffer,
    correlationId: string,
  ): Promise<boolean> {
    const timeoutMs = this.config.rpcTimeoutMs;

    // The expiration drops a command a stopped manager never took, so it does
    // not act on it minutes later; what it should do is re-sent as its
    // configuration when it is back.
    const options: TimedPublishOptions = {
      replyTo: this.replies.address,
      correlationId,
      contentType: 'application/json',
      expiration: String(timeoutMs),
      timeout: timeoutMs,
    };

    return this.amqp.publish(exchange, routingKey, payload, options);
  }

  private accept(collection: ReplyCollection, reply: ReceivedReply): void {
    const { address, outcome } = interpretReply(reply.body);
    if (address === undefined) {
      this.logger.warn(
        `dropped a reply that names no sender (${describeOutcome(outcome)})`,
      );

      return;
    }

    // Only expected hosts are counted: a removed host's manager may still
    // answer a fanout, and its traffic is no longer the platform's.
    if (collection.expects(address)) {
      this.count(address, 'in', reply.bytes);
    }
    collection.accept(address, outcome);
  }

  private count(host: string, direction: MessageDirection, bytes: number): void {
    this.metrics.countMessage(host, direction, bytes);
  }
}
