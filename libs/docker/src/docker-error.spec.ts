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

  it.each([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'not signed by the given ca.pem'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'not signed by the given ca.pem'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'does not name the address'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'refused our client certificate'],
    ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'refused our client certificate'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'does not speak TLS on that port'],
  ])('maps the TLS failure %s to TLS_FAILED saying what to check', (code, hint) => {
    const failure = Object.assign(new Error('handshake failed'), { code });

    const error = toDockerError(failure, { operation: 'ping' });

    expect(error.code).toBe(DockerErrorCode.TlsFailed);
    expect(error.message).toContain(hint);
    expect(error.message).toContain(code);
  });

  it('maps plain HTTP sent to a TLS port to TLS_FAILED', () => {
    const answer = {
      statusCode: 400,
      json: null,
      message:
        '(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server.',
    };

    const error = toDockerError(answer, { operation: 'ping' });

    expect(error.code).toBe(DockerErrorCode.TlsFailed);
    expect(error.message).toContain('the engine listens with TLS there');
  });

  it('passes a DockerError through unchanged', () => {
    const original = new DockerError(DockerErrorCode.Conflict, { operation: 'x' }, 'y');

    expect(toDockerError(original, { operation: 'z' })).toBe(original);
  });
});
