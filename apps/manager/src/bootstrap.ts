import { ConsoleLogger, INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { loadManagerConfig, ManagerConfig } from './config/manager.config';
import { ManagerModule } from './manager.module';

/** Text for a person at a terminal, JSON lines for a log collector. */
export function createManagerLogger(format: ManagerConfig['logFormat']): LoggerService {
  return format === 'json'
    ? new ConsoleLogger({ json: true, colors: false })
    : new ConsoleLogger({ prefix: 'hms-manager', colors: process.stdout.isTTY === true });
}

/**
 * Reads the configuration from `env` and starts a manager. Throws a
 * ConfigError listing every bad variable, or the error that stopped start-up.
 * Signals are left to the caller: main.ts exits on SIGTERM and SIGINT (see
 * exitOnShutdownSignals), a test running it in-process calls `close()`.
 */
export async function bootstrapManager(
  env: NodeJS.ProcessEnv = process.env,
): Promise<INestApplicationContext> {
  const config = loadManagerConfig(env);

  const app = await NestFactory.createApplicationContext(
    ManagerModule.forConfig(config),
    {
      logger: createManagerLogger(config.logFormat),
      // Let the caller report a failed start-up instead of Nest aborting the process.
      abortOnError: false,
    },
  );

  return app;
}
