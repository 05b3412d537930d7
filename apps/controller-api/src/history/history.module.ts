import { Module } from '@nestjs/common';

import { EventsController } from './events.controller';
import { HistoryDatabase, openHistoryDatabase } from './history-database';
import {
  HistoryModuleOptions,
  ResolvedHistoryOptions,
  resolveHistoryOptions,
} from './history-options';
import {
  ConfigurableHistoryModule,
  HISTORY_DATABASE,
  HISTORY_MODULE_OPTIONS,
  RESOLVED_HISTORY_OPTIONS,
} from './history.module-definition';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

/**
 * Event history on SQLite and GET /events. Import it once, in the app module:
 * `HistoryModule.forRoot({ databasePath, retentionDays, maxEvents })` or
 * `HistoryModule.forRootAsync({ useFactory, inject })`; it is global by default.
 * It also exports the open database as HISTORY_DATABASE, for the tables of
 * the controller's desired state.
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
      provide: HISTORY_DATABASE,
      useFactory: (options: ResolvedHistoryOptions) =>
        openHistoryDatabase(options.databasePath),
      inject: [RESOLVED_HISTORY_OPTIONS],
    },
    {
      provide: HistoryRepository,
      useFactory: (database: HistoryDatabase) => new HistoryRepository(database),
      inject: [HISTORY_DATABASE],
    },
    HistoryService,
  ],
  exports: [HistoryService, HISTORY_DATABASE],
})
export class HistoryModule extends ConfigurableHistoryModule {}
