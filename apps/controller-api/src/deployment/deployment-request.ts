import { DockerError, readEngineTls, requireTlsCapable } from '@hms/docker';

import { InvalidInputError } from '../errors/controller-error';
import { engineSocketOf } from './manager-container-spec';
import { ManagerDeploymentDto } from './manager-deployment.dto';
import { ManagerTarget } from './manager-installer';

/**
 * Turns the body of PUT /containers/{address} into a deployment target, or
 * refuses it with a 400 before anything is contacted: an endpoint that
 * cannot be read, TLS for an engine that cannot have it, TLS files that are
 * missing, unreadable or do not fit together. Checks the DTO's shape rules
 * cannot express, because they need the filesystem or several fields.
 */
export async function deploymentTarget(
  address: string,
  request: ManagerDeploymentDto,
): Promise<ManagerTarget> {
  if (request.engine === undefined) {
    throw new InvalidInputError(['engine is required to deploy a manager']);
  }
  const engine = request.engine;
  const tlsCertPath = request.tls?.certPath;

  const engineSocket = asInputError('engine', () =>
    engineSocketOf(engine, request.engineSocket),
  );
  if (tlsCertPath !== undefined) {
    asInputError('tls', () => requireTlsCapable(engine));
    await readEngineTls(tlsCertPath).catch((error: unknown) =>
      asInputError('tls.certPath', () => {
        throw error;
      }),
    );
  }

  return tlsCertPath === undefined
    ? { address, engine, engineSocket }
    : { address, engine, engineSocket, tlsCertPath };
}

/** A DockerError about the request's own values is the caller's mistake: 400. */
function asInputError<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DockerError) {
      throw new InvalidInputError([`${field}: ${error.message}`]);
    }
    throw error;
  }
}
