import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { BodyNotAllowedError, BodyNotJsonError } from '../errors/controller-error';

const ACCEPTS_BODY = 'hms:accepts-body';

/**
 * Marks the one kind of route that takes a JSON body (deploying a manager
 * needs an engine endpoint and, later, TLS material that does not belong in
 * a URL). The route validates that body with its own DTO.
 */
export const AcceptsBody = (): MethodDecorator => SetMetadata(ACCEPTS_BODY, true);

/**
 * Routes take no request body unless marked with AcceptsBody: everything
 * travels in the path and the query, as in the original system. A body is
 * refused rather than ignored, so a client that puts `threshold` in it learns
 * why nothing changed; a route that takes one takes JSON only.
 */
@Injectable()
export class RequestBodyGuard implements CanActivate {
  private readonly reflector = new Reflector();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const acceptsBody = this.reflector.get<boolean>(ACCEPTS_BODY, context.getHandler());

    if (!carriesBody(request)) {
      return true;
    }

    const path = request.originalUrl.split('?')[0];
    if (acceptsBody !== true) {
      throw new BodyNotAllowedError(request.method, path);
    }
    // Any other type would reach the route as no body at all, and a deployment
    // asked for would silently not happen.
    if (request.is('application/json') === false) {
      throw new BodyNotJsonError(request.method, path, request.headers['content-type']);
    }

    return true;
  }
}

function carriesBody(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);

  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}
