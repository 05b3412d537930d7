import { ApiErrorDto } from '@hms/contracts';

import { RestResponse } from './support/rest-client';
import { TestPlatform } from './support/test-platform';

/**
 * Every bad input on every path of the REST API, against a real manager: the
 * right 4xx in the one error shape, and nothing changed. Malformed notices on
 * the broker are dropped without harm too.
 */
describe('REST API input validation', () => {
  const platform = new TestPlatform();
  const host = platform.hostAddress(1);
  const unknownHost = platform.hostAddress(99);
  let web: string;
  let labelIgnoredId: string;
  let before: unknown;

  beforeAll(async () => {
    await platform.startController();
    web = await platform.createContainer(1, 'web-1');
    await platform.createContainer(1, 'labelled', { 'hms.ignore': 'true' });
    platform.startManager(1);

    labelIgnoredId = await platform.waitFor(
      async () => {
        const { containers } = await platform.api.containersOf(host);
        const ignored = containers.find((container) => container.status === 'ignored');

        return containers.length === 2 ? ignored?.id : undefined;
      },
      { what: `${host} listing its two containers` },
    );
    before = await platformSnapshot();
  });

  afterAll(() => platform.tearDown());

  const routes = () => [
    ['GET', '/containers'],
    ['POST', '/containers?threshold=30'],
    ['GET', `/containers/${host}`],
    ['POST', `/containers/${host}?threshold=30`],
    ['PUT', `/containers/${host}`],
    ['DELETE', `/containers/${host}`],
    ['GET', `/containers/${host}/${web}`],
    ['PUT', `/containers/${host}/${web}`],
    ['DELETE', `/containers/${host}/${web}`],
    ['GET', '/hosts'],
    ['GET', `/hosts/${host}`],
  ];
  const addressRoutes = (address: string) => [
    ['GET', `/containers/${address}`],
    ['POST', `/containers/${address}?threshold=30`],
    ['DELETE', `/containers/${address}`],
    ['GET', `/containers/${address}/web-1`],
    ['PUT', `/containers/${address}/web-1`],
    ['DELETE', `/containers/${address}/web-1`],
    ['GET', `/hosts/${address}`],
  ];
  it.each(['10.0.0', '10.0.0.256', 'localhost', 'fe80::1'])(
    'refuses the address %s on every path with 400',
    async (address) => {
      for (const [method, path] of [
        ...addressRoutes(address),
        ['PUT', `/containers/${address}`],
      ]) {
        expectError(
          await platform.api.request(method, path),
          400,
          'INVALID_INPUT',
          'IPv4',
        );
      }
    },
  );

  it('answers 404 naming an unknown host and how to add it, on every path', async () => {
    for (const [method, path] of addressRoutes(unknownHost)) {
      const response = await platform.api.request(method, path);

      expectError(
        response,
        404,
        'HOST_NOT_FOUND',
        `PUT /containers/${unknownHost} adds it`,
      );
    }
  });

  it.each(['GET', 'PUT', 'DELETE'])(
    'answers %s of an unknown container with 404',
    async (method) => {
      const response = await platform.api.request(
        method,
        `/containers/${host}/no-such-one`,
      );

      expectError(response, 404, 'CONTAINER_NOT_FOUND', 'no-such-one');
    },
  );

  it.each(['GET', 'PUT', 'DELETE'])(
    'refuses %s of a malformed container reference with 400',
    async (method) => {
      const response = await platform.api.request(method, `/containers/${host}/-rf`);

      expectError(response, 400, 'INVALID_INPUT', 'containerId');
    },
  );

  it.each([
    ['', 'threshold is required'],
    ['?threshold=', 'from 0 to 100'],
    ['?threshold=abc', 'from 0 to 100'],
    ['?threshold=101', 'from 0 to 100'],
    ['?threshold=-5', 'from 0 to 100'],
    ['?threshold=10&threshold=20', 'from 0 to 100'],
  ])(
    'refuses the threshold query %j with 400 on both POST paths',
    async (query, reason) => {
      for (const path of ['/containers', `/containers/${host}`]) {
        expectError(
          await platform.api.post(`${path}${query}`),
          400,
          'INVALID_INPUT',
          reason,
        );
      }
    },
  );

  it('refuses an unknown query field on every path', async () => {
    for (const [method, path] of routes()) {
      const separator = path.includes('?') ? '&' : '?';
      const response = await platform.api.request(method, `${path}${separator}force=yes`);

      expectError(response, 400, 'INVALID_INPUT', 'force');
    }
  });

  it('refuses a request body on every path but the deploying PUT', async () => {
    for (const [method, path] of routes()) {
      const response = await platform.api.request(method, path, {
        body: { threshold: 30 },
      });

      // PUT /containers/{address} takes an engine endpoint: any other field is refused.
      if (method === 'PUT' && path === `/containers/${host}`) {
        expectError(response, 400, 'INVALID_INPUT', 'threshold');
      } else {
        expectError(response, 400, 'BODY_NOT_ALLOWED', 'takes no request body');
      }
    }
  });

  it("takes the deploying PUT's body as JSON only, not as no body", async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await platform.api.put(`/containers/${host}`, {
        body: { engine: 'unix:///run/hms/nowhere.sock' },
        contentType,
      });

      expectError(response, 415, 'BODY_NOT_JSON', `not ${contentType}`);
    }
  });

  it('drops malformed notices and keeps working', async () => {
    const malformed = [
      'not json',
      JSON.stringify({ kind: 'heartbeat', address: unknownHost }),
      JSON.stringify({ kind: 'reboot', address: host }),
    ];
    for (const payload of malformed) {
      expect(await platform.publishNotice(`heartbeat.${unknownHost}`, payload)).toBe(
        true,
      );
    }

    // Notices are handled in order, so once this one is in the history the
    // malformed ones before it were handled too.
    const witness = {
      kind: 'attack',
      address: host,
      attack: {
        at: new Date().toISOString(),
        containerId: 'witness',
        containerName: 'witness',
        attack: 'stop',
        test: `${platform.runId}-witness`,
      },
    };
    await platform.publishNotice(`attack.${host}`, JSON.stringify(witness));
    await platform.waitFor(
      async () =>
        (await platform.api.events(host, 'attack')).some((event) =>
          event.message.includes(`${platform.runId}-witness`),
        ),
      { what: 'the witness notice recorded' },
    );

    expect((await platform.api.get(`/hosts/${unknownHost}`)).status).toBe(404);
    expect((await platform.api.host(host)).liveness).toBe('live');
  });

  it("answers 409 with the manager's reason when it refuses a command", async () => {
    const response = await platform.api.put(`/containers/${host}/${labelIgnoredId}`);

    expectError(response, 409, 'MANAGER_REJECTED', 'hms.ignore');
  });

  it('was left as it was by every refused request above', async () => {
    expect(await platformSnapshot()).toEqual(before);
  });

  async function platformSnapshot(): Promise<unknown> {
    const hosts = (await platform.api.hosts()).map((h) => ({
      address: h.address,
      liveness: h.liveness,
      desiredThreshold: h.desiredThreshold,
      reportedThreshold: h.reportedThreshold,
      ignored: h.ignored,
      configurationPending: h.configurationPending,
    }));
    const containers = (await platform.api.containers()).map((h) =>
      h.containers.map((c) => `${c.id}:${c.status}`),
    );

    return { hosts, containers };
  }

  function expectError(
    response: RestResponse<unknown>,
    statusCode: number,
    code: string,
    mention: string,
  ) {
    const body = response.body as ApiErrorDto;
    expect({ status: response.status, code: body?.code }).toEqual({
      status: statusCode,
      code,
    });
    expect(body).toEqual({
      statusCode,
      code,
      message: expect.stringContaining(mention),
      ...(body.details === undefined ? {} : { details: expect.any(Array) }),
    });
  }
});
