import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { ConfigError } from '@hms/config';

import { bootstrapManager } from './bootstrap';
import { exitOnShutdownSignals } from './signal-shutdown';

bootstrapManager().then(
  (app) => exitOnShutdownSignals(app),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      // The logger's format is itself configuration: plain stderr it is.
      console.error(error.message);
    } else {
      const reason = error instanceof Error ? error.message : String(error);
      new Logger('ManagerBootstrap').error(`the manager could not start: ${reason}`);
    }

    process.exit(1);
  },
);
