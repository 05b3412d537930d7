import { Injectable, OnModuleDestroy } from '@nestjs/common';

import { FaultCause } from '@hms/contracts';
import {
  ContainerSnapshot,
  DockerEngine,
  DockerError,
  DockerErrorCode,
} from '@hms/docker';

import { HostSettings } from '../config/host-settings';
import { ManagerConfig } from '../config/manager.config';
import { ContainerRecord, Fault } from '../registry/container-record';
import { ContainerRegistry } from '../registry/container-registry';
import { RestartJournal } from './restart-journal';
import { RestartDelay, RestartPolicy } from './restart-policy';

/** Faults an outsider caused (docker stop, docker kill), not the container. */
const STOPPED_FROM_OUTSIDE: ReadonlySet<FaultCause> = new Set([
  FaultCause.Stopped,
  FaultCause.Killed,
]);

/**
 * Acts on faults: restarts the container, at once or after its backoff, and
 * measures the time from the fault to running again. One restart per
 * container at a time, whatever reports the fault again meanwhile.
 */
@Injectable()
export class Healer implements OnModuleDestroy {
  /** Restarts waiting for their backoff. */
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly restarting = new Set<string>();

  constructor(
    private readonly config: ManagerConfig,
    private readonly registry: ContainerRegistry,
    private readonly settings: HostSettings,
    private readonly docker: DockerEngine,
    private readonly policy: RestartPolicy,
    private readonly journal: RestartJournal,
  ) {}

  /** True while a restart of this container is due or under way. */
  isHandling(id: string): boolean {
    return this.pending.has(id) || this.restarting.has(id);
  }

  handleFault(id: string, fault: Fault): void {
    const record = this.registry.get(id);
    if (record === undefined || this.isHandling(id) || !this.maySupervise(record)) {
      return;
    }

    this.journal.fault(record, fault);
    this.schedule(record, fault, { retry: false });
  }

  /** A probe found the container answering, below the threshold. */
  probePassed(id: string): void {
    this.policy.probePassed(id);
  }

  /** The container is running again without HMS: a restart still waiting is dropped. */
  runningAgain(id: string): void {
    const record = this.registry.get(id);
    if (!this.pending.has(id) || record === undefined) {
      return;
    }

    this.cancel(id);
    this.journal.runningAgain(record);
  }

  /** Drops a due restart, e.g. the container was ignored or the host retired. */
  cancel(id: string): void {
    clearTimeout(this.pending.get(id));
    this.pending.delete(id);

    const record = this.registry.get(id);
    if (record?.phase === 'faulty') {
      record.phase = 'ok';
    }
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) {
      this.cancel(id);
    }
  }

  /** The container left the host: its backoff goes with it. */
  forget(id: string): void {
    this.cancel(id);
    this.policy.forget(id);
  }

  onModuleDestroy(): void {
    this.cancelAll();
  }

  private schedule(
    record: ContainerRecord,
    fault: Fault,
    { retry }: { retry: boolean },
  ): void {
    const { id } = record.snapshot;
    const { delayMs, failures } = this.delayFor(id, fault, retry);

    this.journal.scheduled(record, fault, delayMs, failures);
    this.pending.set(
      id,
      setTimeout(() => void this.restart(id, fault), delayMs),
    );
  }

  private async restart(id: string, fault: Fault): Promise<void> {
    this.pending.delete(id);
    const record = this.registry.get(id);
    if (record === undefined || !this.maySupervise(record)) {
      return;
    }
    if (!(await this.stillFaulty(record, fault))) {
      return;
    }

    const fromOutside = STOPPED_FROM_OUTSIDE.has(fault.cause);
    this.restarting.add(id);
    this.journal.restarting(record);
    if (!fromOutside) {
      this.policy.recordRestart(id, Date.now(), fault.cause);
    }

    const failure = await this.restartAndConfirm(record, fault);
    this.restarting.delete(id);

    // A removed container is the reconciler's to forget; anything else is tried
    // again, after a backoff whatever the cause, so a start that keeps failing
    // cannot spin.
    if (failure !== undefined && failure.code !== DockerErrorCode.ContainerNotFound) {
      if (fromOutside) {
        this.policy.recordRestart(id, Date.now(), fault.cause);
      }
      this.schedule(record, fault, { retry: true });
    }
  }

  /**
   * A container stopped or killed from outside did not fail by itself: it is
   * restarted at once, whatever its earlier faults, and its restart does not
   * grow the backoff, or an attacker's pace would set ours. Only a restart
   * that failed waits before the next try.
   */
  private delayFor(id: string, fault: Fault, retry: boolean): RestartDelay {
    if (STOPPED_FROM_OUTSIDE.has(fault.cause) && !retry) {
      return { delayMs: 0, failures: 0 };
    }

    return this.policy.delayFor(id, Date.now());
  }

  /** Restarts; returns the error when the container is not running afterwards. */
  private async restartAndConfirm(
    record: ContainerRecord,
    fault: Fault,
  ): Promise<DockerError | undefined> {
    const { id, name } = record.snapshot;

    try {
      const engineStartedMs = Date.now();
      await this.docker.restartContainer(id, this.config.restartStopTimeoutS);
      const engineMs = Date.now() - engineStartedMs;

      const fresh = await this.docker.inspectContainer(id);
      if (fresh.state !== 'running') {
        throw new DockerError(
          DockerErrorCode.EngineError,
          { operation: 'restart', container: name },
          `still ${fresh.state} afterwards (exit ${fresh.exitCode})`,
        );
      }
      this.journal.recovered(record, fault, fresh, engineMs);

      return undefined;
    } catch (error) {
      const failure = error instanceof DockerError ? error : unexpected(error, name);
      this.journal.failed(record, fault, failure);

      return failure;
    }
  }

  /**
   * Whether the fault still holds now that its restart is due: meanwhile
   * someone may have started the container, or its HEALTHCHECK passed again.
   * Packet loss only a probe could tell, so that fault always holds.
   */
  private async stillFaulty(record: ContainerRecord, fault: Fault): Promise<boolean> {
    if (fault.cause === FaultCause.PacketLoss) {
      return true;
    }

    let fresh: ContainerSnapshot;
    try {
      fresh = await this.docker.inspectContainer(record.snapshot.id);
    } catch {
      // The restart that follows reports what is wrong with the container.
      return true;
    }
    if (fresh.state !== 'running') {
      return true;
    }
    const unhealthy = fault.cause === FaultCause.Unhealthy;
    if (unhealthy && fresh.health === 'unhealthy') {
      return true;
    }

    this.journal.runningAgain(
      record,
      fresh,
      unhealthy ? 'healthy again' : 'running again',
    );

    return false;
  }

  private maySupervise(record: ContainerRecord): boolean {
    return this.settings.acting && !this.settings.isIgnored(record.snapshot);
  }
}

function unexpected(error: unknown, name: string): DockerError {
  return new DockerError(
    DockerErrorCode.EngineError,
    { operation: 'restart', container: name },
    error instanceof Error ? error.message : String(error),
    { cause: error },
  );
}
