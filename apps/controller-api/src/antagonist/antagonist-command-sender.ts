import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { AntagonistCommand, amqpTopology, antagonistRoutingKey } from '@hms/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { ControllerConfig } from '../config/controller.config';
import { CommandOutcome, interpretReply, SILENT } from '../messaging/reply-collection';
import { ReplyQueue } from '../messaging/reply-queue.service';

/** An antagonist command as callers write it; the sender address is added here. */
export type AntagonistCommandBody = AntagonistCommand extends infer C
  ? C extends AntagonistCommand
    ? Omit<C, 'address'>
    : never
  : never;

/**
 * Sends one command to the antagonist of one host (direct exchange, routing
 * key `antagonist.<address>`) and waits for its reply or the RPC timeout.
 * Antagonist traffic is not counted as manager bandwidth.
 */
@Injectable()
export class AntagonistCommandSender {
  private readonly logger = new Logger(AntagonistCommandSender.name);

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly replies: ReplyQueue,
    private readonly config: ControllerConfig,
  ) {}

  send(address: string, body: AntagonistCommandBody): Promise<CommandOutcome> {
    const correlationId = randomUUID();
    const payload = Buffer.from(
      JSON.stringify({ ...body, address: this.config.controllerAddress }),
    );

    return new Promise((resolve) => {
      const finish = (outcome: CommandOutcome): void => {
        clearTimeout(timer);
        stopListening();
        resolve(outcome);
      };
      const timer = setTimeout(() => finish(SILENT), this.config.rpcTimeoutMs);
      const stopListening = this.replies.listen(correlationId, (reply) => {
        const { address: replier, outcome } = interpretReply(reply.body);
        if (replier === address || outcome.kind === 'invalid') {
          finish(outcome);
        }
      });

      this.publish(address, payload, correlationId).catch((error: unknown) => {
        this.logger.error(
          `could not publish ${body.command} for the antagonist of ${address}: ` +
            `${String(error)}; is the broker up?`,
        );
        finish(SILENT);
      });
    });
  }

  private async publish(
    address: string,
    payload: Buffer,
    correlationId: string,
  ): Promise<boolean> {
    const timeoutMs = this.config.rpcTimeoutMs;

    // Expires with the request: an antagonist started later must not act on it.
    return this.amqp.publish(
      amqpTopology(this.config.namespace).commands,
      antagonistRoutingKey(address),
      payload,
      {
        replyTo: this.replies.address,
        correlationId,
        contentType: 'application/json',
        expiration: String(timeoutMs),
      },
    );
  }
}
