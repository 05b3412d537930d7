import { ConfigurableModuleBuilder } from '@nestjs/common';

import { HistoryModuleOptions } from './history-options';

/**
 * Gives HistoryModule its `forRoot` and `forRootAsync`. The module is global
 * unless `isGlobal: false`, so every part of the controller records into the
 * one database the app module opened.
 */
export const {
  ConfigurableModuleClass: ConfigurableHistoryModule,
  MODULE_OPTIONS_TOKEN: HISTORY_MODULE_OPTIONS,
} = new ConfigurableModuleBuilder<HistoryModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();

/** The options with their defaults filled in and checked. */
export const RESOLVED_HISTORY_OPTIONS = Symbol('RESOLVED_HISTORY_OPTIONS');

/**
 * The open SQLite database (a HistoryDatabase). Exported so that the
 * controller's desired state is kept in the same file; HistoryService closes
 * it at shutdown.
 */
export const HISTORY_DATABASE = Symbol('HISTORY_DATABASE');
