import { ConfigError } from '@hms/config';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from './app.module';
import { loadAntagonistConfig } from './config/antagonist-config';

async function bootstrap(): Promise<void> {
  const config = loadAntagonistConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config));

  // SIGTERM and SIGINT run the shutdown hooks: the campaign removes its loss first.
  app.enableShutdownHooks();

  const scope = config.scopeLabel ?? 'every container (no HMS_SCOPE_LABEL)';
  new Logger('Antagonist').log(
    `ready on host ${config.hostAddress}, namespace ${config.namespace}, targets ${scope}; ` +
      'idle until conf_antagonist and antagonist_start',
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('antagonist failed to start:', error);
  }
  process.exit(1);
});
