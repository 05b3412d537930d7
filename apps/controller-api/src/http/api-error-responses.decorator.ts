import { ApiErrorDto } from '@hms/contracts';
import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Readonly<Partial<Record<HttpStatus, string>>> = {
  [HttpStatus.BAD_REQUEST]:
    'Invalid input: an address that is not IPv4, a threshold outside 0-100, an unknown query field ' +
    'or a body (INVALID_INPUT, BODY_NOT_ALLOWED); or the manager refused the command as invalid ' +
    '(COMMAND_INVALID)',
  [HttpStatus.NOT_FOUND]:
    'Unknown host (HOST_NOT_FOUND) or container (CONTAINER_NOT_FOUND), also when the manager ' +
    'says its host no longer has the container',
  [HttpStatus.CONFLICT]:
    "The manager refused the command because it conflicts with the container's or host's state, " +
    'e.g. a container ignored by its label (MANAGER_REJECTED); the reason is in the message',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]:
    'A body sent with another Content-Type than application/json (BODY_NOT_JSON); it would be read as none',
  [HttpStatus.BAD_GATEWAY]:
    'The manager failed while carrying the command out (MANAGER_FAILED) or answered with an ' +
    'invalid reply (MANAGER_REPLY_INVALID)',
  [HttpStatus.SERVICE_UNAVAILABLE]:
    "The controller's database did not take the change (DESIRED_STATE_NOT_SAVED, " +
    'HISTORY_DATABASE_UNAVAILABLE, HISTORY_CLOSED); the message says what is in effect',
  [HttpStatus.GATEWAY_TIMEOUT]:
    'A manager did not answer in time (MANAGER_SILENT); the desired configuration is recorded ' +
    'and delivered when it is back',
};

/** Documents the error responses of a route, all of them in the ApiErrorDto shape. */
export function ApiErrorResponses(...statuses: HttpStatus[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, type: ApiErrorDto, description: DESCRIPTIONS[status] }),
    ),
  );
}

/**
 * The error responses of a command sent to one host's manager: bad input, an
 * unknown host or container, the manager's refusal or failure, the database,
 * and a manager that did not answer.
 */
export function ApiManagerCommandErrors(): MethodDecorator {
  return ApiErrorResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.NOT_FOUND,
    HttpStatus.CONFLICT,
    HttpStatus.BAD_GATEWAY,
    HttpStatus.SERVICE_UNAVAILABLE,
    HttpStatus.GATEWAY_TIMEOUT,
  );
}
