import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where Swagger UI is served; the JSON document is at `${DOCS_PATH}-json`. */
export const DOCS_PATH = 'docs';

/** Generates the OpenAPI document from the controllers' decorators and serves it. */
export function serveOpenApi(app: INestApplication): void {
  const description = new DocumentBuilder()
    .setTitle('HMS controller')
    .setDescription(
      'Health monitor for Docker hosts: containers and their supervision, hosts, ' +
        'history and metrics. Every error has the ApiErrorDto shape.',
    )
    .setVersion('1')
    .build();

  const document = SwaggerModule.createDocument(app, description);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
}
