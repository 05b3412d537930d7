import { INestApplication, ValidationPipe } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';

import { HistoryEventKind } from './history-event';
import { HistoryModule } from './history.module';
import { HistoryService } from './history.service';

const T0 = Date.parse('2025-03-01T12:00:00Z');

describe('GET /events', () => {
  let app: INestApplication;
  let history: HistoryService;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HistoryModule.forRoot({ databasePath: ':memory:' })],
    }).compile();

    app = moduleRef.createNestApplication();
    app.useGlobalPipes(
      new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
      }),
    );
    await app.init();

    history = app.get(HistoryService);
    history.record({ kind: 'fault', host: '10.0.0.1', message: 'web-1 stopped', at: T0 });
    history.record({
      kind: HistoryEventKind.Restart,
      host: '10.0.0.1',
      containerId: '8db94990d2a1',
      containerName: 'web-1',
      cause: 'stopped',
      recoveryMs: 412,
      message: 'restarted web-1 (stopped: exit 143 after SIGTERM) in 412 ms',
      at: T0 + 1000,
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists events newest first with ISO times', async () => {
    const response = await request(app.getHttpServer()).get('/events').expect(200);

    expect(response.body.total).toBe(2);
    expect(response.body.events[0]).toEqual({
      id: 2,
      at: '2025-03-01T12:00:01.000Z',
      kind: 'restart',
      host: '10.0.0.1',
      containerId: '8db94990d2a1',
      containerName: 'web-1',
      cause: 'stopped',
      recoveryMs: 412,
      message: 'restarted web-1 (stopped: exit 143 after SIGTERM) in 412 ms',
    });
  });

  it('applies the query filters', async () => {
    const response = await request(app.getHttpServer())
      .get('/events')
      .query({ kind: 'fault', to: '2025-03-01T12:00:00Z', limit: 5 })
      .expect(200);

    expect(response.body).toEqual({
      total: 1,
      events: [expect.objectContaining({ kind: 'fault', message: 'web-1 stopped' })],
    });
  });

  it('refuses unknown and invalid parameters with a 400 naming them', async () => {
    const response = await request(app.getHttpServer())
      .get('/events')
      .query({ limit: 5000, colour: 'red' })
      .expect(400);

    expect(JSON.stringify(response.body)).toMatch(/property colour should not exist/);
    expect(JSON.stringify(response.body)).toMatch(
      /limit must be a whole number from 1 to 1000/,
    );
  });

  it('documents its query parameters and its 400 answer for OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const operation = document.paths['/events'].get;

    expect(
      operation?.parameters?.map((parameter) => 'name' in parameter && parameter.name),
    ).toEqual(['host', 'containerId', 'kind', 'from', 'to', 'limit']);
    expect(operation?.responses['400']).toMatchObject({
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/ApiErrorDto' } },
      },
    });
  });
});
