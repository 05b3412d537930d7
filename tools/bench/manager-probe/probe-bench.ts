import { DockerEngine } from '@hms/docker';

import { HostSettings } from '../../../apps/manager/src/config/host-settings';
import {
  loadManagerConfig,
  ManagerConfig,
} from '../../../apps/manager/src/config/manager.config';
import { Healer } from '../../../apps/manager/src/healing/healer';
import { RestartJournal } from '../../../apps/manager/src/healing/restart-journal';
import { RestartPolicy } from '../../../apps/manager/src/healing/restart-policy';
import { IcmpProber } from '../../../apps/manager/src/probing/icmp-prober';
import {
  ProbeCycleReport,
  ProbeScheduler,
} from '../../../apps/manager/src/probing/probe-scheduler';
import { probeAddress } from '../../../apps/manager/src/registry/container-record';
import { ContainerRegistry } from '../../../apps/manager/src/registry/container-registry';

/** A probe cycle as measured, with the loss it saw. */
export interface MeasuredCycle extends ProbeCycleReport {
  /** Mean packet loss (%) over the containers probed. */
  readonly meanLoss: number;
}

/**
 * The manager's own probing parts, wired as ManagerModule wires them: one
 * IcmpProber (one raw socket), the registry, the healer, and a ProbeScheduler
 * per concurrency measured. The configuration is the manager's defaults,
 * loaded and validated the manager's way.
 */
export class ProbeBench {
  readonly config: ManagerConfig;
  private readonly docker = new DockerEngine();
  private readonly settings: HostSettings;
  private readonly registry: ContainerRegistry;
  private readonly prober: IcmpProber;
  private readonly healer: Healer;

  constructor(private readonly scopeLabel: string) {
    // The address is the manager's identity on the broker, which the bench never joins.
    this.config = loadManagerConfig({ HMS_HOST_ADDRESS: '127.0.0.1' });
    this.settings = new HostSettings(this.config);
    this.registry = new ContainerRegistry(this.settings);
    this.prober = new IcmpProber(this.config);
    this.healer = new Healer(
      this.config,
      this.registry,
      this.settings,
      this.docker,
      new RestartPolicy({
        baseMs: this.config.restartBackoffBaseMs,
        maxMs: this.config.restartBackoffMaxMs,
        resetAfterMs: this.config.restartResetMs,
      }),
      new RestartJournal(this.registry),
    );
  }

  /** Opens the raw socket and lists the fleet; returns the addresses to probe. */
  async open(): Promise<string[]> {
    this.prober.open();

    const snapshots = await this.docker.listContainers({ labels: [this.scopeLabel] });
    for (const snapshot of snapshots) {
      this.registry.upsert(snapshot);
    }

    return snapshots
      .filter((snapshot) => snapshot.state === 'running')
      .flatMap((snapshot) => probeAddress(snapshot) ?? []);
  }

  /** One probe alone (20 echo requests 10 ms apart): the window a cycle is made of. */
  async probeAlone(address: string): Promise<number> {
    const started = performance.now();
    await this.prober.probe(address);

    return performance.now() - started;
  }

  /** One full cycle over every container, `concurrency` probes in flight at most. */
  async cycle(concurrency: number): Promise<MeasuredCycle> {
    const scheduler = new ProbeScheduler(
      Object.assign(new ManagerConfig(), this.config, { probeConcurrency: concurrency }),
      this.registry,
      this.settings,
      this.prober,
      this.healer,
      this.docker,
    );
    const report = await scheduler.runCycle();
    const losses = this.registry
      .all()
      .flatMap((record) => (record.packetLoss === undefined ? [] : [record.packetLoss]));
    const meanLoss = losses.reduce((sum, loss) => sum + loss, 0) / (losses.length || 1);

    return { ...report, meanLoss };
  }

  /** Drops restarts still waiting for their backoff and closes the raw socket. */
  close(): void {
    this.healer.cancelAll();
    this.prober.onModuleDestroy();
  }
}
