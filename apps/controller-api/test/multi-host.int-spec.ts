import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HostWithdrawalResponseDto } from '../src/containers/dto/host-withdrawal-response.dto';
import { managerContainerName } from '../src/deployment/manager-container-spec';
import { HostResponseDto } from '../src/hosts/dto/host-response.dto';
import { SimulatedHosts, ensureManagerImage } from './support/simulated-hosts';
import { TestPlatform } from './support/test-platform';

/** What ensureManagerImage() builds. */
const MANAGER_IMAGE = 'hms/manager:latest';
const SETUP_TIMEOUT_MS = 25 * 60_000;
const STEP_TIMEOUT_MS = 120_000;

/**
 * Issue 5 end to end: three simulated Docker hosts (network namespaces with
 * their own engines, tools/hosts/hosts.sh), the controller deploying and
 * supervising a manager container on each through its engine endpoint.
 */
describe('controller deploys and supervises managers on three hosts', () => {
  const platform = new TestPlatform();
  const simulated = new SimulatedHosts();
  const manager = managerContainerName(platform.namespace);
  const dataFolder = mkdtempSync(join(tmpdir(), 'hms-multi-host-'));
  const address = (index: number) => simulated.host(index).address;
  const idleNames = (index: number) =>
    simulated
      .host(index)
      .containers.filter((c) => c.demo)
      .map((c) => c.name)
      .sort();
  const waitFor: TestPlatform['waitFor'] = (probe, options) =>
    platform.waitFor(probe, { timeoutMs: 60_000, intervalMs: 500, ...options });

  // Host 3 is reached over TCP with TLS and client certificates, as a remote
  // engine would be; the endpoint then does not say where its socket is.
  const deploymentOf = (index: number) => {
    const { endpoint, socket } = simulated.host(index).engine;
    if (index !== 3) {
      return { engine: endpoint };
    }
    const tls = simulated.tls(3);

    return {
      engine: tls.endpoint,
      engineSocket: socket,
      tls: { certPath: tls.certPath },
    };
  };

  /** A DOCKER_CERT_PATH-like folder mixing host `caOf`'s CA with host `certOf`'s client files. */
  const mixedTlsFolder = (caOf: number, certOf: number): string => {
    const folder = join(dataFolder, `tls-ca${caOf}-cert${certOf}`);
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(simulated.tls(caOf).certPath, 'ca.pem'), join(folder, 'ca.pem'));
    for (const file of ['cert.pem', 'key.pem']) {
      copyFileSync(join(simulated.tls(certOf).certPath, file), join(folder, file));
    }

    return folder;
  };

  /** PUT host 3 through its TLS endpoint with other TLS material: refused, nothing left. */
  const refusedOverTls = async (body: object) => {
    const response = await platform.api.put<{ code: string; message: string }>(
      `/containers/${address(3)}`,
      { body: { engine: simulated.tls(3).endpoint, ...body } },
    );

    expect((await platform.api.get(`/hosts/${address(3)}`)).status).toBe(404);
    expect(await simulated.hasContainer(3, manager)).toBe(false);

    return response;
  };

  beforeAll(async () => {
    await ensureManagerImage();
    await simulated.up(3);
    await platform.startController({
      HMS_MANAGER_IMAGE: MANAGER_IMAGE,
      HMS_MANAGER_AMQP_URL: simulated.amqpUrl,
      HMS_MANAGER_START_GRACE_MS: '30000',
      HMS_HISTORY_DB: join(dataFolder, 'history.sqlite'),
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await platform.tearDown();
    await simulated
      .down()
      .catch((error: unknown) => console.error(`hosts.sh down failed: ${String(error)}`));
    rmSync(dataFolder, { recursive: true, force: true });
  }, 300_000);

  it('refuses an engine that does not answer, leaving no host behind', async () => {
    const absent = '10.213.0.99';

    const response = await platform.api.put<{ code: string; message: string }>(
      `/containers/${absent}`,
      { body: { engine: 'unix:///run/hms/no-such-engine.sock' } },
    );

    expect(response.status).toBe(502);
    expect(response.body.code).toBe('ENGINE_UNREACHABLE');
    expect(response.body.message).toContain('connect to the engine');
    expect((await platform.api.get(`/hosts/${absent}`)).status).toBe(404);
  });

  it('refuses a malformed engine endpoint and unknown body fields', async () => {
    const badEndpoint = await platform.api.put(`/containers/${address(1)}`, {
      body: { engine: 'ftp://10.213.0.11:21' },
    });
    const unknownField = await platform.api.put(`/containers/${address(1)}`, {
      body: { engine: simulated.host(1).engine.endpoint, threshold: 5 },
    });

    expect(badEndpoint.status).toBe(400);
    expect(unknownField.status).toBe(400);
    expect((await platform.api.get(`/hosts/${address(1)}`)).status).toBe(404);
  });

  it('refuses bad TLS input with 400 before contacting the engine', async () => {
    const forSocket = await refusedOverTls({
      engine: simulated.host(3).engine.endpoint,
      tls: { certPath: simulated.tls(3).certPath },
    });
    const missingFolder = await refusedOverTls({
      tls: { certPath: join(dataFolder, 'no-such-folder') },
    });
    const notAFolder = await refusedOverTls({
      tls: { certPath: join(simulated.tls(3).certPath, 'ca.pem') },
    });
    const relative = await refusedOverTls({ tls: { certPath: 'tls/client' } });

    for (const response of [forSocket, missingFolder, notAFolder, relative]) {
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_INPUT');
    }
    expect(forSocket.body.message).toContain('TLS applies to tcp:// engines only');
    expect(missingFolder.body.message).toContain('the folder does not exist');
    expect(notAFolder.body.message).toContain('not a folder');
    expect(relative.body.message).toContain('tls.certPath must be an absolute path');
  });

  it('reports a wrong CA or client certificate at the connect step, leaving nothing', async () => {
    const wrongCa = await refusedOverTls({ tls: { certPath: mixedTlsFolder(1, 3) } });
    const wrongClient = await refusedOverTls({ tls: { certPath: mixedTlsFolder(3, 1) } });
    const withoutTls = await refusedOverTls({});

    for (const response of [wrongCa, wrongClient, withoutTls]) {
      expect(response.status).toBe(502);
      expect(response.body.code).toBe('ENGINE_TLS_FAILED');
      expect(response.body.message).toContain('failed at "connect to the engine"');
    }
    expect(wrongCa.body.message).toContain("the engine's certificate is not signed");
    expect(wrongCa.body.message).toContain('Check the TLS files in');
    expect(wrongClient.body.message).toContain(
      'the engine refused our client certificate',
    );
    expect(withoutTls.body.message).toContain('The engine wants TLS');
  });

  it('refuses an engineSocket missing on the host at the start step, creating nothing', async () => {
    const missingSocket = join(dataFolder, 'no-such-engine.sock');

    const response = await refusedOverTls({
      engineSocket: missingSocket,
      tls: { certPath: simulated.tls(3).certPath },
    });

    expect(response.status).toBe(502);
    expect(response.body.code).toBe('MANAGER_START_FAILED');
    expect(response.body.message).toContain(
      `engineSocket ${missingSocket} does not exist on the host`,
    );
    expect(existsSync(missingSocket)).toBe(false);
  });

  it(
    "refuses a TLS endpoint without engineSocket: the manager finds another engine's socket",
    async () => {
      // Simulated hosts share this machine's files: the default socket is
      // the machine's own engine, as a real host's may be another than its TCP one.
      const response = await refusedOverTls({
        tls: { certPath: simulated.tls(3).certPath },
      });

      expect(response.status).toBe(502);
      expect(response.body.code).toBe('MANAGER_START_FAILED');
      expect(response.body.message).toContain(
        'the manager exited at start (exit code 1)',
      );
      expect(response.body.message).toContain(
        'not the one this manager was deployed through',
      );
      expect(response.body.message).toContain("give engineSocket, the engine's socket");
      expect(await simulated.hasContainer(3, manager)).toBe(false);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'deploys a manager on each host (host 3 over TLS): deploying, then live',
    async () => {
      for (const index of [1, 2, 3]) {
        const response = await platform.api.put<HostResponseDto>(
          `/containers/${address(index)}`,
          { body: deploymentOf(index) },
        );

        expect(response.status).toBe(201);
        expect(['deploying', 'live']).toContain(response.body.liveness);
        expect(await simulated.hasContainer(index, manager)).toBe(true);
      }

      await waitFor(
        async () =>
          (await platform.api.hosts()).filter((host) => host.liveness === 'live')
            .length === 3,
        { what: 'three live hosts' },
      );
      expect(await platform.api.events(address(2), 'host-joined')).toHaveLength(1);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'lists every host with its own containers in GET /containers',
    async () => {
      const listing = await waitFor(
        async () => {
          const hosts = await platform.api.containers();
          const complete = [1, 2, 3].every((index) => {
            const names = hosts
              .find((h) => h.address === address(index))
              ?.containers.map((c) => c.name);

            return idleNames(index).every((name) => names?.includes(name));
          });

          return complete && hosts;
        },
        { what: "every host's idle containers listed" },
      );

      for (const index of [1, 2, 3]) {
        const names = listing
          .find((h) => h.address === address(index))
          ?.containers.map((c) => c.name);
        const foreign = [1, 2, 3].filter((other) => other !== index).flatMap(idleNames);

        expect(foreign.some((name) => names?.includes(name))).toBe(false);
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "heals a container stopped on host 2 through host 2's manager alone",
    async () => {
      const [victim] = idleNames(2);
      expect(victim).toBeDefined();

      await simulated.docker(2, 'stop', victim);

      await waitFor(
        async () =>
          (await platform.api.events(address(2), 'restart')).some(
            (e) => e.containerName === victim,
          ) &&
          (await simulated.docker(
            2,
            'inspect',
            '--format',
            '{{.State.Running}}',
            victim,
          )) === 'true',
        { what: `${victim} restarted on host 2` },
      );
      expect(await simulated.logs(2, manager)).toContain(victim);
      expect(await simulated.logs(1, manager)).not.toContain(victim);
      expect(await simulated.logs(3, manager)).not.toContain(victim);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'changes only host 3 when a threshold is set for host 3',
    async () => {
      const response = await platform.api.post(`/containers/${address(3)}?threshold=40`);

      expect(response.status).toBe(200);
      await waitFor(
        async () => (await platform.api.host(address(3))).reportedThreshold === 40,
        {
          what: 'host 3 reporting threshold 40',
        },
      );
      expect((await platform.api.host(address(1))).reportedThreshold).toBe(25);
      expect((await platform.api.host(address(2))).reportedThreshold).toBe(25);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "replaces host 1's killed manager and gives it its configuration back",
    async () => {
      expect(
        (await platform.api.post(`/containers/${address(1)}?threshold=35`)).status,
      ).toBe(200);
      const before = await platform.api.host(address(1));
      expect(before.reportedThreshold).toBe(35);

      await simulated.docker(1, 'kill', manager);

      const after = await waitFor(
        async () => {
          const host = await platform.api.host(address(1));
          const fresh =
            host.liveness === 'live' && host.managerStartedAt !== before.managerStartedAt;

          return fresh && host.reportedThreshold === 35 && host;
        },
        { what: "host 1's manager back with threshold 35" },
      );
      const redeployed = await platform.api.events(address(1), 'manager-redeployed');

      expect(after.desiredThreshold).toBe(35);
      expect(redeployed.some((event) => event.message.includes(manager))).toBe(true);
      expect(
        await simulated.docker(1, 'inspect', '--format', '{{.State.Running}}', manager),
      ).toBe('true');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "keeps supervising after a controller restart: it still knows each host's engine",
    async () => {
      await platform.restartController();
      await waitFor(
        async () =>
          (await platform.api.hosts()).filter((host) => host.liveness === 'live')
            .length === 3,
        { what: 'three hosts live again after the controller restarted' },
      );
      const before = await platform.api.host(address(2));

      const beforeTls = await platform.api.host(address(3));

      // Host 3's engine takes only TLS with the client certificate: reviving
      // its manager proves the controller kept the TLS folder too.
      await simulated.docker(2, 'kill', manager);
      await simulated.docker(3, 'kill', manager);

      await waitFor(
        async () => {
          const [host2, host3] = await Promise.all([
            platform.api.host(address(2)),
            platform.api.host(address(3)),
          ]);

          return (
            host2.liveness === 'live' &&
            host2.managerStartedAt !== before.managerStartedAt &&
            host3.liveness === 'live' &&
            host3.managerStartedAt !== beforeTls.managerStartedAt
          );
        },
        { what: "host 2's and 3's managers replaced by the restarted controller" },
      );
      for (const index of [2, 3]) {
        const redeployed = await platform.api.events(
          address(index),
          'manager-redeployed',
        );
        expect(redeployed.some((event) => event.message.includes(manager))).toBe(true);
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "deploys host 2's manager again when its container was removed",
    async () => {
      const before = await platform.api.host(address(2));

      await simulated.docker(2, 'rm', '--force', manager);

      // The redeployment is recorded once its watch of the new manager ends,
      // which may be after the manager announced itself.
      await waitFor(
        async () => {
          const host = await platform.api.host(address(2));
          const redeployed = await platform.api.events(address(2), 'manager-redeployed');

          return (
            host.liveness === 'live' &&
            host.managerStartedAt !== before.managerStartedAt &&
            redeployed.some((event) => event.message.includes('deployed it again'))
          );
        },
        { what: "host 2's manager deployed again, and recorded" },
      );
      expect(await simulated.hasContainer(2, manager)).toBe(true);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "removes host 3's manager container with the host",
    async () => {
      const response = await platform.api.delete<HostWithdrawalResponseDto>(
        `/containers/${address(3)}`,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({ retired: true, managerContainer: 'removed' }),
      );
      expect(await simulated.hasContainer(3, manager)).toBe(false);
      expect((await platform.api.get(`/hosts/${address(3)}`)).status).toBe(404);
      expect(await simulated.hasContainer(1, manager)).toBe(true);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'says which container it left, and why, when the engine cannot be reached',
    async () => {
      // The controller reads the TLS folder at each connection: without it,
      // host 3's engine cannot be reached as it was at deployment.
      const certPath = mixedTlsFolder(3, 3);
      const deployed = await platform.api.put(`/containers/${address(3)}`, {
        body: { ...deploymentOf(3), tls: { certPath } },
      });
      expect(deployed.status).toBe(201);
      rmSync(certPath, { recursive: true });

      const response = await platform.api.delete<HostWithdrawalResponseDto>(
        `/containers/${address(3)}`,
      );

      expect(response.status).toBe(200);
      expect(response.body.managerContainer).toBe('left');
      expect(response.body.managerContainerProblem).toContain(certPath);
      expect(response.body.managerContainerProblem).toContain(
        `Remove the container ${manager} on the host yourself`,
      );
      expect(await simulated.hasContainer(3, manager)).toBe(true);
      await simulated.docker(3, 'rm', '--force', manager);
    },
    STEP_TIMEOUT_MS,
  );
});
