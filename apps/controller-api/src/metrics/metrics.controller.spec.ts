import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';

import { MessageDirection } from './host-bandwidth';
import { MetricsModule } from './metrics.module';
import { MetricsService } from './metrics.service';

describe('GET /metrics', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MetricsModule],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves the metrics as Prometheus text', async () => {
    app.get(MetricsService).countMessage('10.0.0.1', MessageDirection.Out, 64);

    const response = await request(app.getHttpServer()).get('/metrics').expect(200);

    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(response.text).toContain('# TYPE hms_messages_total counter');
    expect(response.text).toContain(
      'hms_message_bytes_total{host="10.0.0.1",direction="out"} 64',
    );
  });

  it('is documented for OpenAPI as text/plain', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());

    expect(document.paths['/metrics'].get?.responses['200']).toMatchObject({
      content: { 'text/plain': { schema: { type: 'string' } } },
    });
  });
});
