import { AntagonistSettingsDto, TEST_LOW_LOW } from '@hms/contracts';
import { Logger } from '@nestjs/common';

import { AntagonistError, AntagonistErrorCode } from '../antagonist-error';
import { AttackCampaign } from '../attack/attack-campaign.service';
import { AntagonistConfig } from '../config/antagonist-config';
import { AntagonistCommandHandler } from './antagonist-command.handler';

const VALID_CONF = { command: 'conf_antagonist', address: 'controller', ...TEST_LOW_LOW };

describe('AntagonistCommandHandler', () => {
  let campaign: jest.Mocked<Pick<AttackCampaign, 'configure' | 'start' | 'stop'>>;
  let handler: AntagonistCommandHandler;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    campaign = {
      configure: jest.fn(async (_settings: AntagonistSettingsDto) => undefined),
      start: jest.fn(async () => undefined),
      stop: jest.fn(async () => undefined),
    };
    const config = Object.assign(new AntagonistConfig(), { hostAddress: '10.0.0.5' });
    handler = new AntagonistCommandHandler(campaign as unknown as AttackCampaign, config);
  });

  it('configures with exactly the report fields', async () => {
    const reply = await handler.handle(VALID_CONF);

    expect(reply).toEqual({ command: 'ok', address: '10.0.0.5' });
    expect(campaign.configure).toHaveBeenCalledWith({
      name: 'test_low_low',
      loss: 80,
      balance: 70,
      heavy: 25,
      frequency: 1,
      duration: 5,
    });
  });

  it.each([
    ['loss above 100', { ...VALID_CONF, loss: 120 }, 'loss must not be greater than 100'],
    [
      'a negative balance',
      { ...VALID_CONF, balance: -1 },
      'balance must not be less than 0',
    ],
    ['heavy as text', { ...VALID_CONF, heavy: '25' }, 'heavy must be a number'],
    [
      'a zero period',
      { ...VALID_CONF, frequency: 0 },
      'frequency must not be less than 0.05',
    ],
    [
      'a NaN duration',
      { ...VALID_CONF, duration: Number.NaN },
      'duration must be a number',
    ],
    ['an empty name', { ...VALID_CONF, name: '' }, 'name should not be empty'],
    ['a missing name', { ...VALID_CONF, name: undefined }, 'name must be a string'],
    [
      'an unknown field',
      { ...VALID_CONF, target: 'all' },
      'property target should not exist',
    ],
    [
      'an unknown command',
      { command: 'antagonist_explode', address: 'c' },
      'unknown command',
    ],
    ['a body that is not JSON', 'not json', 'message body must be a JSON object'],
  ])('refuses %s with the reason and changes nothing', async (_case, raw, reason) => {
    const reply = await handler.handle(raw);

    expect(reply.command).toBe('error');
    expect(reply.code).toBe('INVALID_COMMAND');
    expect(reply.reason).toContain(reason);
    expect(campaign.configure).not.toHaveBeenCalled();
    expect(campaign.start).not.toHaveBeenCalled();
  });

  it('starts and stops', async () => {
    await handler.handle({ command: 'antagonist_start', address: 'controller' });
    await handler.handle({ command: 'antagonist_stop', address: 'controller' });

    expect(campaign.start).toHaveBeenCalledTimes(1);
    expect(campaign.stop).toHaveBeenCalledTimes(1);
  });

  it('passes on why the campaign refused', async () => {
    const refusal = new AntagonistError(
      AntagonistErrorCode.NotConfigured,
      'send conf_antagonist first',
    );
    campaign.start.mockRejectedValue(refusal);

    const reply = await handler.handle({
      command: 'antagonist_start',
      address: 'controller',
    });

    expect(reply).toEqual({
      command: 'error',
      address: '10.0.0.5',
      reason: 'send conf_antagonist first',
      code: 'CONFLICT',
    });
  });

  it('answers an error, not silence, when the engine fails', async () => {
    campaign.stop.mockRejectedValue(new Error('connect ENOENT /var/run/docker.sock'));

    const reply = await handler.handle({
      command: 'antagonist_stop',
      address: 'controller',
    });

    expect(reply.reason).toBe(
      'antagonist_stop failed: connect ENOENT /var/run/docker.sock',
    );
    expect(reply.code).toBe('INTERNAL');
  });
});
