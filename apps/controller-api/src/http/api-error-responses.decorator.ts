import { ApiErrorDto } from '@hms/contracts';
import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Readonly<Partial<Record<HttpStatus, string>>> = {
  [HttpStatus.BAD_REQUEST]:
    'Invalid input: an address that is not IPv4, a threshold outside 0-100, an unknown query field or a body',
  [HttpStatus.NOT_FOUND]: 'Unknown host or container',
  [HttpStatus.CONFLICT]: 'The manager refused the command; the reason is in the message',
  [HttpStatus.BAD_GATEWAY]: 'The manager answered with an invalid reply',
  [HttpStatus.GATEWAY_TIMEOUT]:
    'A manager did not answer in time; the desired configuration is recorded and delivered when it is back',
};

/** Documents the error responses of a route, all of them in the ApiErrorDto shape. */
export function ApiErrorResponses(...statuses: HttpStatus[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, type: ApiErrorDto, description: DESCRIPTIONS[status] }),
    ),
  );
}
