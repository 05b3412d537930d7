import { Logger } from '@nestjs/common';

import { DockerEngine, EngineIdentity } from '@hms/docker';

import { loadManagerConfig } from './config/manager.config';
import { ManagerErrorCode } from './manager-error';
import { ManagerRuntime } from './manager-runtime';

const DEPLOYED_THROUGH = {
  id: '2SMQ:PA3I:LUZN:ROEC:X6G2:2PTO:6D6Q:EOCQ:ZZUO:ETOE:AKOE:2OYP',
  rootDir: '/var/lib/hms/hosts/vm1/docker',
  name: 'vm',
};

/** The engine behind the mounted socket, as far as start-up asks it. */
function engineAnswering(identity: EngineIdentity): DockerEngine {
  return {
    description: 'unix:///var/run/docker.sock',
    ping: async () => undefined,
    identity: async () => identity,
    version: async () => ({ version: '27.5.1', apiVersion: '1.47', os: '', arch: '' }),
  } as unknown as DockerEngine;
}

function runtimeWith(engine: DockerEngine, expected?: EngineIdentity): ManagerRuntime {
  const config = loadManagerConfig({
    HMS_HOST_ADDRESS: '10.213.0.11',
    ...(expected === undefined
      ? {}
      : {
          HMS_EXPECTED_ENGINE_ID: expected.id,
          HMS_EXPECTED_ENGINE_ROOT: expected.rootDir,
        }),
  });
  const prober = { open: () => undefined };
  const unused = {} as never;

  return new ManagerRuntime(
    config,
    engine,
    prober as never,
    unused,
    unused,
    unused,
    unused,
    unused,
    unused,
  );
}

describe('ManagerRuntime start-up', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('starts on the engine it was deployed through', async () => {
    const sut = runtimeWith(engineAnswering(DEPLOYED_THROUGH), DEPLOYED_THROUGH);

    await expect(sut.onModuleInit()).resolves.toBeUndefined();
  });

  it("stops on another engine's socket, naming both engines and the remedy", async () => {
    const engine = engineAnswering({
      id: 'OTHER',
      rootDir: '/var/lib/docker',
      name: 'box',
    });
    const sut = runtimeWith(engine, DEPLOYED_THROUGH);

    const failure = sut.onModuleInit();

    await expect(failure).rejects.toMatchObject({
      code: ManagerErrorCode.EngineMismatch,
    });
    await expect(failure).rejects.toThrow(
      'the engine at unix:///var/run/docker.sock is box ' +
        '(ID OTHER, data root /var/lib/docker), not the one this manager was ' +
        `deployed through (ID ${DEPLOYED_THROUGH.id}, data root ${DEPLOYED_THROUGH.rootDir}): ` +
        "give engineSocket, the engine's socket on the host",
    );
  });

  it('tells apart engines of one machine that share an ID by their data root', async () => {
    const engine = engineAnswering({ ...DEPLOYED_THROUGH, rootDir: '/var/lib/docker' });
    const sut = runtimeWith(engine, DEPLOYED_THROUGH);

    await expect(sut.onModuleInit()).rejects.toMatchObject({
      code: ManagerErrorCode.EngineMismatch,
    });
  });

  it('takes any engine when no expected ID is given', async () => {
    const engine = engineAnswering({ id: 'any', rootDir: '/', name: 'anywhere' });
    const sut = runtimeWith(engine);

    await expect(sut.onModuleInit()).resolves.toBeUndefined();
  });
});
