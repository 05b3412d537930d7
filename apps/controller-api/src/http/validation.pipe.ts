import { flattenValidationErrors } from '@hms/contracts';
import { ValidationPipe } from '@nestjs/common';

import { InvalidInputError } from '../errors/controller-error';

/**
 * The one pipe every path parameter and query goes through: unknown fields are
 * refused, values are converted to their DTO types, and every problem is listed
 * in the error's details.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new InvalidInputError(flattenValidationErrors(errors)),
  });
}
