import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import { TEST_LOW_LOW } from '@hms/contracts';

import { ControllerConfig } from '../config/controller.config';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
import { RequestBodyGuard } from '../http/request-body.guard';
import { createValidationPipe } from '../http/validation.pipe';
import { CommandOutcome, SILENT } from '../messaging/reply-collection';
import {
  AntagonistCommandBody,
  AntagonistCommandSender,
} from './antagonist-command-sender';
import { AntagonistController } from './antagonist.controller';
import { AntagonistService } from './antagonist.service';
import { AttackJournal } from './attack-journal.service';

const HOST = '10.0.0.5';
const LOW_LOW = 'name=test_low_low&loss=80&balance=70&heavy=25&frequency=1&duration=5';
const OK: CommandOutcome = { kind: 'ok', reply: { command: 'ok', address: HOST } };

function attackNotice(address: string, containerName: string, at: string) {
  return {
    kind: 'attack',
    address,
    attack: {
      at,
      containerId: `${containerName}-id`,
      containerName,
      attack: 'stop',
      test: 't',
    },
  };
}

describe('AntagonistController', () => {
  let app: INestApplication;
  let sent: { address: string; body: AntagonistCommandBody }[];
  let nextOutcome: CommandOutcome;
  let journal: AttackJournal;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const config = Object.assign(new ControllerConfig(), {
      rpcTimeoutMs: 1500,
      namespace: 'ns1',
    });
    const sender = {
      send: async (address: string, body: AntagonistCommandBody) => {
        sent.push({ address, body });

        return nextOutcome;
      },
    };

    const moduleRef = await Test.createTestingModule({
      controllers: [AntagonistController],
      providers: [
        AntagonistService,
        AttackJournal,
        { provide: AntagonistCommandSender, useValue: sender },
        { provide: ControllerConfig, useValue: config },
        { provide: AmqpConnection, useValue: { createSubscriber: async () => ({}) } },
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ApiExceptionFilter());
    app.useGlobalGuards(new RequestBodyGuard());
    await app.init();
    journal = app.get(AttackJournal);
  });

  beforeEach(() => {
    sent = [];
    nextOutcome = OK;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sends conf_antagonist with the settings as numbers', async () => {
    const response = await request(app.getHttpServer())
      .put(`/antagonist/${HOST}?${LOW_LOW}`)
      .expect(200);

    expect(sent).toEqual([
      { address: HOST, body: { command: 'conf_antagonist', ...TEST_LOW_LOW } },
    ]);
    expect(response.body).toEqual({
      address: HOST,
      command: 'conf_antagonist',
      settings: TEST_LOW_LOW,
    });
  });

  it.each([
    [
      'loss above 100',
      LOW_LOW.replace('loss=80', 'loss=101'),
      'loss must not be greater than 100',
    ],
    [
      'a period of 0',
      LOW_LOW.replace('frequency=1', 'frequency=0'),
      'frequency must not be less',
    ],
    ['a number with a suffix', LOW_LOW.replace('heavy=25', 'heavy=25x'), 'heavy must'],
    ['no duration', LOW_LOW.replace('&duration=5', ''), 'duration'],
    ['an unknown field', `${LOW_LOW}&target=all`, 'property target should not exist'],
  ])('refuses %s with a 400 and sends nothing', async (_case, query, reason) => {
    const response = await request(app.getHttpServer())
      .put(`/antagonist/${HOST}?${query}`)
      .expect(400);

    expect(response.body.code).toBe('INVALID_INPUT');
    expect(response.body.message).toContain(reason);
    expect(sent).toEqual([]);
  });

  it('refuses a host that is not an IPv4 address', async () => {
    const response = await request(app.getHttpServer())
      .put(`/antagonist/not-a-host?${LOW_LOW}`)
      .expect(400);

    expect(response.body.message).toContain('address must be an IPv4 address');
  });

  it('refuses settings sent as a body, like every route of the API', async () => {
    const response = await request(app.getHttpServer())
      .put(`/antagonist/${HOST}`)
      .send({ name: 'x', loss: 80, balance: 70, heavy: 25, frequency: 1, duration: 5 })
      .expect(400);

    expect(response.body.code).toBe('BODY_NOT_ALLOWED');
  });

  it('starts and stops', async () => {
    await request(app.getHttpServer()).post(`/antagonist/${HOST}/start`).expect(200);
    await request(app.getHttpServer()).post(`/antagonist/${HOST}/stop`).expect(200);

    expect(sent.map(({ body }) => body.command)).toEqual([
      'antagonist_start',
      'antagonist_stop',
    ]);
  });

  it("passes on the antagonist's refusal as a 409", async () => {
    nextOutcome = {
      kind: 'refused',
      reason: 'send conf_antagonist first, then start',
      code: 'CONFLICT',
    };

    const response = await request(app.getHttpServer())
      .post(`/antagonist/${HOST}/start`)
      .expect(409);

    expect(response.body.message).toBe(
      `The antagonist of ${HOST} refused antagonist_start: send conf_antagonist first, then start`,
    );
  });

  it('answers 504 with what to start when no antagonist answers', async () => {
    nextOutcome = SILENT;

    const response = await request(app.getHttpServer())
      .post(`/antagonist/${HOST}/stop`)
      .expect(504);

    expect(response.body.message).toContain('within 1500 ms');
    expect(response.body.message).toContain(
      `HMS_HOST_ADDRESS=${HOST} and HMS_NAMESPACE=ns1`,
    );
  });

  it('answers 502 when the antagonist failed while carrying it out', async () => {
    nextOutcome = {
      kind: 'refused',
      reason: 'antagonist_stop failed: EACCES',
      code: 'INTERNAL',
    };

    const response = await request(app.getHttpServer())
      .post(`/antagonist/${HOST}/stop`)
      .expect(502);

    expect(response.body.code).toBe('MANAGER_FAILED');
  });

  it('answers 502 when the reply is not a valid reply', async () => {
    nextOutcome = { kind: 'invalid', reason: 'command must be one of ok, error' };

    await request(app.getHttpServer()).post(`/antagonist/${HOST}/stop`).expect(502);
  });

  it('lists the attacks received, newest first, by host and limit', async () => {
    await journal.receive(attackNotice(HOST, 'web-1', '2025-03-01T12:00:00.000Z'));
    await journal.receive(attackNotice('10.0.0.6', 'db-1', '2025-03-01T12:00:01.000Z'));
    await journal.receive(attackNotice(HOST, 'web-2', '2025-03-01T12:00:02.000Z'));
    await journal.receive({ kind: 'attack', address: HOST, attack: { at: 'never' } });

    const response = await request(app.getHttpServer())
      .get(`/antagonist/attacks?host=${HOST}&limit=1`)
      .expect(200);

    expect(response.body.total).toBe(2);
    expect(response.body.attacks).toEqual([
      expect.objectContaining({ host: HOST, containerName: 'web-2', attack: 'stop' }),
    ]);
  });

  it('refuses a limit out of range', async () => {
    await request(app.getHttpServer()).get('/antagonist/attacks?limit=0').expect(400);
  });
});
