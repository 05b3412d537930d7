import { DockerError, DockerErrorCode, toDockerError } from './docker-error';

describe('toDockerError', () => {
  it('maps a 404 to CONTAINER_NOT_FOUND and names the operation and container', () => {
    const engineAnswer = Object.assign(new Error('(HTTP code 404) no such container'), {
      statusCode: 404,
      json: { message: 'No such container: web-9' },
    });

    const error = toDockerError(engineAnswer, {
      operation: 'restart',
      container: 'web-9',
    });

    expect(error.code).toBe(DockerErrorCode.ContainerNotFound);
    expect(error.message).toBe(
      'restart of container web-9 failed (CONTAINER_NOT_FOUND): No such container: web-9',
    );
    expect(error.cause).toBe(engineAnswer);
  });

  it('maps a refused socket to ENGINE_UNREACHABLE with what to check', () => {
    const refused = Object.assign(new Error('connect ENOENT /var/run/docker.sock'), {
      code: 'ENOENT',
    });

    const error = toDockerError(refused, { operation: 'ping' });

    expect(error.code).toBe(DockerErrorCode.EngineUnreachable);
    expect(error.message).toContain('is dockerd running');
  });

  it('maps a 409 to CONFLICT and anything else to ENGINE_ERROR', () => {
    expect(toDockerError({ statusCode: 409 }, { operation: 'start' }).code).toBe(
      'CONFLICT',
    );
    expect(toDockerError({ statusCode: 500 }, { operation: 'start' }).code).toBe(
      'ENGINE_ERROR',
    );
  });

  it('passes a DockerError through unchanged', () => {
    const original = new DockerError(DockerErrorCode.Conflict, { operation: 'x' }, 'y');

    expect(toDockerError(original, { operation: 'z' })).toBe(original);
  });
});
