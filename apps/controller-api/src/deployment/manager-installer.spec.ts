import { DockerError, DockerErrorCode, EngineIdentity } from '@hms/docker';
import { Logger } from '@nestjs/common';
import type { ContainerCreateOptions } from 'dockerode';

import { loadControllerConfig } from '../config/controller.config';
import { ControllerErrorCode } from '../errors/controller-error';
import { DeploymentError, EngineServesAnotherHostError } from './deployment-error';
import { ManagerContainerState, ManagerEngine } from './manager-engine';
import { EngineTarget, ManagerInstaller, ManagerTarget } from './manager-installer';

const SOURCE = '/var/run/docker.sock';
const TARGET: ManagerTarget = {
  address: '10.213.0.12',
  engine: 'unix:///run/hms/docker-vm2.sock',
  engineSocket: '/run/hms/docker-vm2.sock',
};

/** An engine in memory: images by name, containers by ID, and failures on demand. */
class FakeEngine {
  readonly description: string;
  readonly images = new Map<string, string>();
  readonly containers = new Map<
    string,
    ManagerContainerState & { name: string; env: string[] }
  >();
  reachable = true;
  handshakeFails = false;
  missingMountSource = false;
  startFails = false;
  exitsAtOnce = false;
  managerLog: string[] = [];
  loads = 0;

  constructor(endpoint: string) {
    this.description = endpoint;
  }

  async ping(): Promise<void> {
    if (!this.reachable) {
      throw new Error(`connect ENOENT ${this.description}`);
    }
    if (this.handshakeFails) {
      throw new DockerError(
        DockerErrorCode.TlsFailed,
        { operation: `ping of engine ${this.description}` },
        "the engine's certificate is not signed by the given ca.pem",
      );
    }
  }

  async identity(): Promise<EngineIdentity> {
    return { id: 'ENGINE:OF:VM2', rootDir: '/var/lib/hms/vm2/docker', name: 'vm' };
  }

  async imageId(image: string): Promise<string | undefined> {
    await this.ping();

    return this.images.get(image);
  }

  async exportImage(image: string): Promise<NodeJS.ReadableStream> {
    return { image } as unknown as NodeJS.ReadableStream;
  }

  async loadImage(tar: NodeJS.ReadableStream): Promise<void> {
    const { image } = tar as unknown as { image: string };
    this.images.set(image, 'sha256:built');
    this.loads += 1;
  }

  async findContainer(ref: string): Promise<ManagerContainerState | undefined> {
    return [...this.containers.values()].find((c) => c.id === ref || c.name === ref);
  }

  async createContainer(options: ContainerCreateOptions): Promise<string> {
    if (this.missingMountSource) {
      const source = options.HostConfig?.Mounts?.[0]?.Source;
      throw new Error(
        `invalid mount config for type "bind": bind source path does not exist: ${source}`,
      );
    }
    const id = `id-${this.containers.size + 1}`;
    const hostLabel = options.Labels?.['hms.host'];
    this.containers.set(id, {
      id,
      name: options.name ?? id,
      running: false,
      exitCode: 0,
      hostLabel,
      env: options.Env ?? [],
    });

    return id;
  }

  async startContainer(id: string): Promise<void> {
    if (this.startFails) {
      throw new Error('OCI runtime create failed');
    }
    const container = this.containers.get(id);
    if (container !== undefined) {
      this.containers.set(id, { ...container, running: !this.exitsAtOnce, exitCode: 1 });
    }
  }

  async exitWithin(ref: string): Promise<number | undefined> {
    const container = await this.findContainer(ref);

    return container?.running === true ? undefined : container?.exitCode;
  }

  async logTail(): Promise<string[]> {
    return this.managerLog;
  }

  async removeContainer(ref: string): Promise<void> {
    const found = await this.findContainer(ref);
    if (found !== undefined) {
      this.containers.delete(found.id);
    }
  }
}

class TestInstaller extends ManagerInstaller {
  constructor(readonly engines: Map<string, FakeEngine>) {
    super(loadControllerConfig({ HMS_NAMESPACE: 'unit' }));
  }

  protected override async openEngine(target: EngineTarget): Promise<ManagerEngine> {
    return this.engines.get(target.engine) as unknown as ManagerEngine;
  }
}

describe('ManagerInstaller', () => {
  let source: FakeEngine;
  let host: FakeEngine;
  let sut: TestInstaller;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    source = new FakeEngine(SOURCE);
    host = new FakeEngine(TARGET.engine);
    source.images.set('hms/manager:latest', 'sha256:built');
    sut = new TestInstaller(
      new Map([
        [SOURCE, source],
        [TARGET.engine, host],
      ]),
    );
  });

  it("copies the image from the controller's engine and starts the manager", async () => {
    const outcome = await sut.install(TARGET);

    expect(outcome).toEqual(
      expect.objectContaining({ imageLoaded: true, reused: false }),
    );
    expect(host.loads).toBe(1);
    expect([...host.containers.values()]).toEqual([
      expect.objectContaining({
        name: 'hms-manager-unit',
        running: true,
        hostLabel: TARGET.address,
      }),
    ]);
  });

  it('keeps a running manager of this host on a repeated deployment', async () => {
    const first = await sut.install(TARGET);

    const again = await sut.install(TARGET);

    expect(again).toEqual(
      expect.objectContaining({ reused: true, containerId: first.containerId }),
    );
    expect(host.loads).toBe(1);
  });

  it("refuses an engine that runs another host's manager, changing nothing", async () => {
    const first = await sut.install(TARGET);

    const other = sut.install({ ...TARGET, address: '10.213.0.99' });

    await expect(other).rejects.toThrow(EngineServesAnotherHostError);
    expect([...host.containers.keys()]).toEqual([first.containerId]);
  });

  it('fails at the connect step when the engine does not answer', async () => {
    host.reachable = false;

    const failure = await sut.install(TARGET).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DeploymentError);
    expect((failure as DeploymentError).code).toBe(ControllerErrorCode.EngineUnreachable);
  });

  it('names the TLS files to check when the handshake fails at the connect step', async () => {
    host.handshakeFails = true;
    const overTls = { ...TARGET, tlsCertPath: '/etc/hms/engines/vm2' };

    const failure = await sut.install(overTls).catch((error: unknown) => error);

    expect((failure as DeploymentError).code).toBe(ControllerErrorCode.EngineTlsFailed);
    expect((failure as DeploymentError).message).toContain('connect to the engine');
    expect((failure as DeploymentError).message).toContain(
      'Check the TLS files in /etc/hms/engines/vm2',
    );
    expect(host.containers.size).toBe(0);
  });

  it('fails at the image step when no engine has the image, creating nothing', async () => {
    source.images.clear();

    const failure = await sut.install(TARGET).catch((error: unknown) => error);

    expect((failure as DeploymentError).code).toBe(
      ControllerErrorCode.ManagerImageUnavailable,
    );
    expect((failure as DeploymentError).message).toContain('hms/manager:latest');
    expect(host.containers.size).toBe(0);
  });

  it('removes the container it created when it does not start', async () => {
    host.startFails = true;

    const failure = await sut.install(TARGET).catch((error: unknown) => error);

    expect((failure as DeploymentError).code).toBe(
      ControllerErrorCode.ManagerStartFailed,
    );
    expect(host.containers.size).toBe(0);
  });

  it('removes a manager that exits at once, naming its exit code', async () => {
    host.exitsAtOnce = true;

    const failure = await sut.install(TARGET).catch((error: unknown) => error);

    expect((failure as DeploymentError).message).toContain('exit code 1');
    expect(host.containers.size).toBe(0);
  });

  it("quotes the error of a manager that exits at start, as the start step's failure", async () => {
    host.exitsAtOnce = true;
    host.managerLog = [
      '[hms-manager] 1  - 12/04/2026, 7:50:01 PM     LOG [NestFactory] Starting',
      '[hms-manager] 1  - 12/04/2026, 7:50:01 PM   ERROR [ManagerBootstrap] ' +
        'the manager could not start: the engine at unix:///var/run/docker.sock is ' +
        'box (ID other), not the one this manager was deployed through',
    ];

    const failure = (await sut
      .install(TARGET)
      .catch((error: unknown) => error)) as DeploymentError;

    expect(failure.code).toBe(ControllerErrorCode.ManagerStartFailed);
    expect(failure.message).toContain(
      'failed at "create and start the manager container"',
    );
    expect(failure.message).toContain(
      'ERROR [ManagerBootstrap] the manager could not start: the engine at ' +
        'unix:///var/run/docker.sock is box (ID other)',
    );
    expect(failure.message).not.toContain('Starting');
    expect(host.containers.size).toBe(0);
  });

  it('tells the manager which engine it was deployed through', async () => {
    await sut.install(TARGET);

    const [manager] = host.containers.values();

    expect(manager.env).toEqual(
      expect.arrayContaining([
        'HMS_EXPECTED_ENGINE_ID=ENGINE:OF:VM2',
        'HMS_EXPECTED_ENGINE_ROOT=/var/lib/hms/vm2/docker',
      ]),
    );
  });

  it('names engineSocket when the socket to mount does not exist on the host', async () => {
    host.missingMountSource = true;
    const missing = { ...TARGET, engineSocket: '/run/hms/nope.sock' };

    const failure = (await sut
      .install(missing)
      .catch((error: unknown) => error)) as DeploymentError;

    expect(failure.code).toBe(ControllerErrorCode.ManagerStartFailed);
    expect(failure.message).toContain(
      'engineSocket /run/hms/nope.sock does not exist on the host',
    );
    expect(host.containers.size).toBe(0);
  });

  it('deploys again when the manager container is gone', async () => {
    await sut.install(TARGET);
    host.containers.clear();

    expect(await sut.revive(TARGET)).toBe('redeployed');
    expect(host.containers.size).toBe(1);
  });
});
