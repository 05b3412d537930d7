import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';

import { BodyNotAllowedError } from '../errors/controller-error';

/**
 * No route of the controller takes a request body: everything travels in the
 * path and the query, as in the original system. A body is refused rather than
 * ignored, so a client that puts `threshold` in it learns why nothing changed.
 */
@Injectable()
export class RequestBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();

    if (carriesBody(request)) {
      throw new BodyNotAllowedError(request.method, request.originalUrl.split('?')[0]);
    }

    return true;
  }
}

function carriesBody(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);

  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}
