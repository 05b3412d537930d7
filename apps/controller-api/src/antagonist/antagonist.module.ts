import { Module } from '@nestjs/common';

import { ReplyQueue } from '../messaging/reply-queue.service';
import { AntagonistCommandSender } from './antagonist-command-sender';
import { AntagonistController } from './antagonist.controller';
import { AntagonistService } from './antagonist.service';
import { AttackJournal } from './attack-journal.service';

/**
 * REST resource for the hosts' antagonists. Needs the global AmqpConnection
 * and ControllerConfig; has a reply queue of its own, so its commands and
 * their replies never mix with the managers'.
 */
@Module({
  controllers: [AntagonistController],
  providers: [ReplyQueue, AntagonistCommandSender, AntagonistService, AttackJournal],
})
export class AntagonistModule {}
