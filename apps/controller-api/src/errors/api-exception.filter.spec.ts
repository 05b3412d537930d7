import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';

import { ApiExceptionFilter, toApiError } from './api-exception.filter';
import {
  BodyNotAllowedError,
  ContainerNotFoundError,
  HostNotFoundError,
  InvalidInputError,
  ManagerRejectedError,
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
    [new ManagerRejectedError('refused'), 409, 'MANAGER_REJECTED'],
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
  it('answers with the status and the error shape', () => {
    const json = jest.fn();
    const status = jest.fn(() => ({ json }));
    const host = {
      switchToHttp: () => ({ getResponse: () => ({ status }) }),
    } as unknown as ArgumentsHost;

    new ApiExceptionFilter().catch(new HostNotFoundError('10.0.0.9'), host);

    expect(status).toHaveBeenCalledWith(404);
    expect(json).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'HOST_NOT_FOUND' }),
    );
  });
});
