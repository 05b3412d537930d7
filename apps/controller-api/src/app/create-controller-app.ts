import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ControllerConfig } from '../config/controller.config';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
import { RequestBodyGuard } from '../http/request-body.guard';
import { createValidationPipe } from '../http/validation.pipe';
import { ControllerAppModule } from './controller-app.module';
import { serveOpenApi } from './openapi';

export interface ControllerAppOptions {
  /** Nest's logger, or the levels to print; `false` keeps quiet. @default Nest's console logger */
  readonly logger?: LoggerService | LogLevel[] | false;
}

/**
 * Builds the controller, connected to the broker and ready to listen: global
 * validation, the one error filter, the body guard and the OpenAPI document.
 * main.ts and the integration tests both start it through here.
 */
export async function createControllerApp(
  config: ControllerConfig,
  options: ControllerAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(ControllerAppModule.forRoot(config), {
    logger: options.logger,
    abortOnError: false,
  });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalGuards(new RequestBodyGuard());
  app.enableShutdownHooks();
  serveOpenApi(app);

  return app;
}
