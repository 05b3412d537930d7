import { RabbitRPC } from '@golevelup/nestjs-rabbitmq';
import {
  AntagonistCommand,
  AntagonistSettingsDto,
  CommandName,
  CommandReply,
  ConfAntagonistCommand,
  errorReply,
  okReply,
  parseAntagonistCommand,
  ReplyErrorCode,
} from '@hms/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { AntagonistError, AntagonistErrorCode } from '../antagonist-error';
import { AttackCampaign } from '../attack/attack-campaign.service';
import { AntagonistConfig } from '../config/antagonist-config';
import { ANTAGONIST_CONFIG } from '../config/tokens';

/** Key of the handler's queue and binding in the RabbitMQ module's `handlers`. */
export const ANTAGONIST_COMMAND_HANDLER = 'antagonist-commands';

/**
 * Answers the controller's conf_antagonist, antagonist_start and
 * antagonist_stop with `ok`, or `error` and a reason. A malformed command
 * changes nothing.
 */
@Injectable()
export class AntagonistCommandHandler {
  private readonly logger = new Logger(AntagonistCommandHandler.name);

  constructor(
    private readonly campaign: AttackCampaign,
    @Inject(ANTAGONIST_CONFIG) private readonly config: AntagonistConfig,
  ) {}

  @RabbitRPC({ name: ANTAGONIST_COMMAND_HANDLER, allowNonJsonMessages: true })
  async handle(raw: unknown): Promise<CommandReply> {
    const parsed = parseAntagonistCommand(raw);
    if (!parsed.ok) {
      this.logger.warn(`refused a command: ${parsed.reason}`);

      return errorReply(
        this.config.hostAddress,
        parsed.reason,
        ReplyErrorCode.InvalidCommand,
      );
    }

    try {
      await this.dispatch(parsed.value);
      this.logger.log(`${parsed.value.command} from ${parsed.value.address}: done`);

      return okReply(this.config.hostAddress);
    } catch (error) {
      return this.failure(parsed.value, error);
    }
  }

  private dispatch(command: AntagonistCommand): Promise<void> {
    switch (command.command) {
      case CommandName.ConfAntagonist:
        return this.campaign.configure(settingsOf(command));
      case CommandName.AntagonistStart:
        return this.campaign.start();
      case CommandName.AntagonistStop:
        return this.campaign.stop();
    }
  }

  /** A refusal the controller can explain (409), or the antagonist's own failure (502). */
  private failure(command: AntagonistCommand, error: unknown): CommandReply {
    if (
      error instanceof AntagonistError &&
      error.code === AntagonistErrorCode.NotConfigured
    ) {
      this.logger.warn(
        `${command.command} from ${command.address} refused: ${error.message}`,
      );

      return errorReply(this.config.hostAddress, error.message, ReplyErrorCode.Conflict);
    }

    this.logger.error(
      `${command.command} from ${command.address} failed`,
      (error as Error).stack,
    );

    return errorReply(
      this.config.hostAddress,
      `${command.command} failed: ${(error as Error).message}`,
      ReplyErrorCode.Internal,
    );
  }
}

function settingsOf(command: ConfAntagonistCommand): AntagonistSettingsDto {
  const { name, loss, balance, heavy, frequency, duration } = command;

  return { name, loss, balance, heavy, frequency, duration };
}
