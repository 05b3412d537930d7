import { AntagonistSettingsDto, CommandName } from '@hms/contracts';
import { Injectable, Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { CommandOutcome, refusalCode } from '../messaging/reply-collection';
import {
  AntagonistCommandBody,
  AntagonistCommandSender,
} from './antagonist-command-sender';
import {
  AntagonistRefusedError,
  AntagonistReplyInvalidError,
  AntagonistSilentError,
} from './antagonist-errors';
import { AntagonistCommandResponseDto } from './dto/antagonist-command-response.dto';

/**
 * Configures, starts and stops the antagonist of one host. Each call is one
 * command and its reply; a refusal, an invalid reply or silence is thrown as
 * the matching ControllerError.
 */
@Injectable()
export class AntagonistService {
  private readonly logger = new Logger(AntagonistService.name);

  constructor(
    private readonly sender: AntagonistCommandSender,
    private readonly config: ControllerConfig,
  ) {}

  async configure(
    address: string,
    settings: AntagonistSettingsDto,
  ): Promise<AntagonistCommandResponseDto> {
    const { name, loss, balance, heavy, frequency, duration } = settings;
    const plain = { name, loss, balance, heavy, frequency, duration };

    await this.command(address, { command: CommandName.ConfAntagonist, ...plain });

    return { address, command: CommandName.ConfAntagonist, settings: plain };
  }

  async start(address: string): Promise<AntagonistCommandResponseDto> {
    await this.command(address, { command: CommandName.AntagonistStart });

    return { address, command: CommandName.AntagonistStart };
  }

  async stop(address: string): Promise<AntagonistCommandResponseDto> {
    await this.command(address, { command: CommandName.AntagonistStop });

    return { address, command: CommandName.AntagonistStop };
  }

  private async command(address: string, body: AntagonistCommandBody): Promise<void> {
    const outcome = await this.sender.send(address, body);

    this.throwOnFailure(address, body.command, outcome);
    this.logger.log(`antagonist of ${address} accepted ${body.command}`);
  }

  private throwOnFailure(
    address: string,
    command: string,
    outcome: CommandOutcome,
  ): void {
    switch (outcome.kind) {
      case 'ok':
        return;
      case 'refused':
        throw new AntagonistRefusedError(
          address,
          command,
          outcome.reason,
          refusalCode(outcome),
        );
      case 'invalid':
        throw new AntagonistReplyInvalidError(address, command, outcome.reason);
      case 'silent':
        throw new AntagonistSilentError(
          address,
          command,
          this.config.rpcTimeoutMs,
          this.config.namespace,
        );
    }
  }
}
