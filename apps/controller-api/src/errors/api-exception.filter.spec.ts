import {
  ArgumentsHost,
  BadRequestException,
  Logger,
  NotFoundException,
} from '@nestjs/common';

import { HistoryError, HistoryErrorCode } from '../history/history-error';
import { ApiExceptionFilter, toApiError } from './api-exception.filter';
import {
  BodyNotAllowedError,
  ContainerNotFoundError,
  DesiredStateNotSavedError,
  HostNotFoundError,
  InvalidInputError,
  ManagerRefusedError,
  ManagerReplyInvalidError,
  ManagerSilentError,
} from './controller-error';

describe('toApiError', () => {
  it.each([
    [
      new InvalidInputError(['threshold must be a number from 0 to 100']),
      400,
      'INVALID_INPUT',
    ],
    [new BodyNotAllowedError('POST', '/containers'), 400, 'BODY_NOT_ALLOWED'],
    [new HostNotFoundError('10.0.0.9'), 404, 'HOST_NOT_FOUND'],
    [new ContainerNotFoundError('10.0.0.9', 'web-1'), 404, 'CONTAINER_NOT_FOUND'],
    [new ManagerRefusedError('INVALID_COMMAND', 'refused'), 400, 'COMMAND_INVALID'],
    [new ManagerRefusedError('UNKNOWN_CONTAINER', 'gone'), 404, 'CONTAINER_NOT_FOUND'],
    [new ManagerRefusedError('CONFLICT', 'refused'), 409, 'MANAGER_REJECTED'],
    [new ManagerRefusedError('INTERNAL', 'failed'), 502, 'MANAGER_FAILED'],
    [
      new ManagerReplyInvalidError('10.0.0.9', 'give_content', 'bad'),
      502,
      'MANAGER_REPLY_INVALID',
    ],
    [
      new ManagerSilentError(['10.0.0.9'], 'container_threshold', 3000, 'recorded'),
      504,
      'MANAGER_SILENT',
    ],
    [
      new DesiredStateNotSavedError('it is in effect', new Error('disk full')),
      503,
      'DESIRED_STATE_NOT_SAVED',
    ],
    [new HistoryError(HistoryErrorCode.Closed, 'closing'), 503, 'HISTORY_CLOSED'],
    [
      new HistoryError(HistoryErrorCode.DatabaseUnavailable, 'disk I/O error'),
      503,
      'HISTORY_DATABASE_UNAVAILABLE',
    ],
    [
      new HistoryError(HistoryErrorCode.EventInvalid, 'host must not be empty'),
      500,
      'HISTORY_EVENT_INVALID',
    ],
  ])('maps %p to %d %s', (error, statusCode, code) => {
    expect(toApiError(error)).toEqual(expect.objectContaining({ statusCode, code }));
  });

  it('keeps the details of invalid input', () => {
    const error = toApiError(
      new InvalidInputError(['address must be IPv4', 'x: should not exist']),
    );

    expect(error.details).toEqual(['address must be IPv4', 'x: should not exist']);
    expect(error.message).toBe(
      'Invalid request: address must be IPv4; x: should not exist',
    );
  });

  it('names the host and how to add it when the host is unknown', () => {
    expect(toApiError(new HostNotFoundError('10.0.0.9')).message).toBe(
      'No host 10.0.0.9 is known; PUT /containers/10.0.0.9 adds it',
    );
  });

  it('names every silent host and what became of the request', () => {
    const error = new ManagerSilentError(
      ['10.0.0.8', '10.0.0.9'],
      'container_threshold',
      3000,
      'it is recorded',
    );

    expect(toApiError(error).message).toBe(
      'No answer to container_threshold from the manager of 10.0.0.8, 10.0.0.9 within 3000 ms; it is recorded',
    );
  });

  it("keeps the status of Nest's own HTTP exceptions", () => {
    expect(toApiError(new NotFoundException('Cannot GET /nope'))).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /nope',
    });
    expect(toApiError(new BadRequestException('Unexpected token')).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('hides the text of an unexpected error behind a 500', () => {
    const error = toApiError(new TypeError('cannot read properties of undefined'));

    expect(error).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'The controller failed to handle this request; its log has the details',
    });
  });
});

describe('ApiExceptionFilter', () => {
  let json: jest.Mock;
  let status: jest.Mock;
  let host: ArgumentsHost;

  beforeEach(() => {
    json = jest.fn();
    status = jest.fn(() => ({ json }));
    host = {
      switchToHttp: () => ({ getResponse: () => ({ status }) }),
    } as unknown as ArgumentsHost;
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers with the status and the error shape', () => {
    new ApiExceptionFilter().catch(new HostNotFoundError('10.0.0.9'), host);

    expect(status).toHaveBeenCalledWith(404);
    expect(json).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'HOST_NOT_FOUND' }),
    );
  });

  it('logs an invalid history event as an error, with its stack', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation();
    const error = new HistoryError(
      HistoryErrorCode.EventInvalid,
      'host must not be empty',
    );

    new ApiExceptionFilter().catch(error, host);

    expect(status).toHaveBeenCalledWith(500);
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('HISTORY_EVENT_INVALID'),
      error.stack,
    );
  });

  it('logs an unavailable database as a warning', () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation();

    new ApiExceptionFilter().catch(
      new HistoryError(HistoryErrorCode.Closed, 'closing'),
      host,
    );

    expect(status).toHaveBeenCalledWith(503);
    expect(warned).toHaveBeenCalledWith(expect.stringContaining('HISTORY_CLOSED'));
  });
});
