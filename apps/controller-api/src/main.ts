import { ConfigError, maskUrlPassword } from '@hms/config';
import { ConsoleLogger, Logger } from '@nestjs/common';

import { createControllerApp } from './app/create-controller-app';
import { DOCS_PATH } from './app/openapi';
import { loadControllerConfig } from './config/controller.config';

async function bootstrap(): Promise<void> {
  const config = loadControllerConfig();
  const logger = new ConsoleLogger('Controller', { json: config.logFormat === 'json' });

  const app = await createControllerApp(config, { logger });
  await app.listen(config.httpPort, config.httpHost);

  const url = await app.getUrl();
  new Logger('Controller').log(
    `REST API on ${url}, Swagger UI on ${url}/${DOCS_PATH} ` +
      `(namespace ${config.namespace}, broker ${maskUrlPassword(config.amqpUrl)})`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`controller failed to start: ${describeStartFailure(error)}`);
  }
  process.exit(1);
});

function describeStartFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);

  return /RabbitMQ|ECONNREFUSED|broker/i.test(text)
    ? `${text}; start the broker (tools/bringup.sh) or point HMS_AMQP_URL at it`
    : text;
}
