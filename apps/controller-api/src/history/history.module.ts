import { Module } from '@nestjs/common';

import { EventsController } from './events.controller';
import { openHistoryDatabase } from './history-database';
import {
  HistoryModuleOptions,
  ResolvedHistoryOptions,
  resolveHistoryOptions,
} from './history-options';
import {
  ConfigurableHistoryModule,
  HISTORY_MODULE_OPTIONS,
  RESOLVED_HISTORY_OPTIONS,
} from './history.module-definition';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

/**
 * Event history on SQLite and GET /events. Import it once, in the app module:
 * `HistoryModule.forRoot({ databasePath, retentionDays, maxEvents })` or
 * `HistoryModule.forRootAsync({ useFactory, inject })`; it is global by default.
 */
@Module({
  controllers: [EventsController],
  providers: [
    {
      provide: RESOLVED_HISTORY_OPTIONS,
      useFactory: (options: HistoryModuleOptions) => resolveHistoryOptions(options),
      inject: [HISTORY_MODULE_OPTIONS],
    },
    {
      provide: HistoryRepository,
      useFactory: (options: ResolvedHistoryOptions) =>
        new HistoryRepository(openHistoryDatabase(options.databasePath)),
      inject: [RESOLVED_HISTORY_OPTIONS],
    },
    HistoryService,
  ],
  exports: [HistoryService],
})
export class HistoryModule extends ConfigurableHistoryModule {}
