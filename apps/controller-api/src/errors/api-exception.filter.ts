import { ApiErrorDto } from '@hms/contracts';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';

import { HistoryError, HistoryErrorCode } from '../history/history-error';
import { ControllerError, ControllerErrorCode } from './controller-error';

const HTTP_STATUS_BY_CODE: Readonly<Record<ControllerErrorCode, HttpStatus>> = {
  [ControllerErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [ControllerErrorCode.BodyNotAllowed]: HttpStatus.BAD_REQUEST,
  [ControllerErrorCode.BodyNotJson]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ControllerErrorCode.HostNotFound]: HttpStatus.NOT_FOUND,
  [ControllerErrorCode.ContainerNotFound]: HttpStatus.NOT_FOUND,
  [ControllerErrorCode.CommandInvalid]: HttpStatus.BAD_REQUEST,
  [ControllerErrorCode.ManagerRejected]: HttpStatus.CONFLICT,
  [ControllerErrorCode.ManagerFailed]: HttpStatus.BAD_GATEWAY,
  [ControllerErrorCode.ManagerReplyInvalid]: HttpStatus.BAD_GATEWAY,
  [ControllerErrorCode.ManagerSilent]: HttpStatus.GATEWAY_TIMEOUT,
  [ControllerErrorCode.DesiredStateNotSaved]: HttpStatus.SERVICE_UNAVAILABLE,
  [ControllerErrorCode.EngineUnreachable]: HttpStatus.BAD_GATEWAY,
  [ControllerErrorCode.EngineTlsFailed]: HttpStatus.BAD_GATEWAY,
  [ControllerErrorCode.ManagerImageUnavailable]: HttpStatus.BAD_GATEWAY,
  [ControllerErrorCode.ManagerStartFailed]: HttpStatus.BAD_GATEWAY,
  [ControllerErrorCode.HostManagedElsewhere]: HttpStatus.CONFLICT,
  [ControllerErrorCode.EngineServesAnotherHost]: HttpStatus.CONFLICT,
};

/** A database that is closing or failing is unavailable; a malformed event is our bug. */
const HTTP_STATUS_BY_HISTORY_CODE: Readonly<Record<HistoryErrorCode, HttpStatus>> = {
  [HistoryErrorCode.Closed]: HttpStatus.SERVICE_UNAVAILABLE,
  [HistoryErrorCode.DatabaseUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [HistoryErrorCode.EventInvalid]: HttpStatus.INTERNAL_SERVER_ERROR,
  [HistoryErrorCode.OptionsInvalid]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/**
 * Turns anything a request handler threw into the one error shape of the API.
 * Codes come from ControllerError and HistoryError; Nest's own HTTP exceptions
 * (unknown route, oversized request) keep their status; anything else is a
 * 500 whose details stay in the log.
 */
export function toApiError(exception: unknown): ApiErrorDto {
  if (exception instanceof ControllerError) {
    const error: ApiErrorDto = {
      statusCode: HTTP_STATUS_BY_CODE[exception.code],
      code: exception.code,
      message: exception.message,
    };

    return exception.details === undefined
      ? error
      : { ...error, details: exception.details };
  }

  if (exception instanceof HistoryError) {
    return {
      statusCode: HTTP_STATUS_BY_HISTORY_CODE[exception.code],
      code: exception.code,
      message: exception.message,
    };
  }

  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();

    return {
      statusCode,
      code: HttpStatus[statusCode] ?? 'HTTP_ERROR',
      message: exception.message,
    };
  }

  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'INTERNAL',
    message: 'The controller failed to handle this request; its log has the details',
  };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toApiError(exception);
    this.log(error, exception);

    host.switchToHttp().getResponse<Response>().status(error.statusCode).json(error);
  }

  /** Client mistakes are the client's business; a silent manager or a bug is ours. */
  private log(error: ApiErrorDto, exception: unknown): void {
    if (error.statusCode === HttpStatus.INTERNAL_SERVER_ERROR) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(
        `request failed unexpectedly (${error.code}): ${String(exception)}`,
        stack,
      );

      return;
    }

    if (error.statusCode >= 500) {
      this.logger.warn(`request failed (${error.code}): ${error.message}`);
    }
  }
}
