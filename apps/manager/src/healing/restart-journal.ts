import { Injectable, Logger } from '@nestjs/common';

import { FaultCause, MonitorLogKind } from '@hms/contracts';
import type { ContainerSnapshot, DockerError } from '@hms/docker';

import { ContainerRecord, Fault } from '../registry/container-record';
import { ContainerRegistry, LogEntryInput } from '../registry/container-registry';

/**
 * Writes down what the healer does: one monitor log entry (with its cause)
 * and one operator log line per action, and the container's new phase.
 */
@Injectable()
export class RestartJournal {
  private readonly logger = new Logger('Healer');

  constructor(private readonly registry: ContainerRegistry) {}

  fault(record: ContainerRecord, fault: Fault): void {
    const { id, name } = record.snapshot;

    this.registry.update(
      id,
      (faulty) => {
        faulty.phase = 'faulty';
        faulty.lastFault = {
          cause: fault.cause,
          at: new Date(fault.atMs).toISOString(),
          detail: fault.detail,
        };
      },
      entry(record, MonitorLogKind.Fault, fault, `${name} ${describeFault(fault)}`),
    );
  }

  /** `web-1 stopped (exit 143 after SIGTERM): restarting` or when the next try is due. */
  scheduled(
    record: ContainerRecord,
    fault: Fault,
    delayMs: number,
    failures: number,
  ): void {
    const { name } = record.snapshot;
    if (delayMs === 0) {
      this.logger.warn(`${name} ${describeFault(fault)}: restarting`);

      return;
    }

    const times = failures === 1 ? 'time' : 'times';
    this.logger.warn(
      `${name} ${describeFault(fault)}; ` +
        `next restart of ${name} in ${seconds(delayMs)} s (failed ${failures} ${times})`,
    );
  }

  restarting(record: ContainerRecord): void {
    this.registry.update(
      record.snapshot.id,
      (restarting) => (restarting.phase = 'restarting'),
    );
  }

  recovered(
    record: ContainerRecord,
    fault: Fault,
    fresh: ContainerSnapshot,
    engineMs: number,
  ): void {
    const { id, name } = record.snapshot;
    const recoveryMs = Math.max(0, Date.now() - fault.atMs);

    this.registry.update(
      id,
      (recovered) => {
        recovered.snapshot = fresh;
        recovered.phase = 'ok';
        recovered.restarts += 1;
        recovered.packetLoss = undefined;
        recovered.lastRestart = {
          cause: fault.cause,
          at: new Date().toISOString(),
          recoveryMs,
        };
      },
      {
        ...entry(
          record,
          MonitorLogKind.Restart,
          fault,
          restartedLine(name, fault, recoveryMs),
        ),
        recoveryMs,
      },
    );
    // The engine's share tells a slow monitor from a slow or overloaded engine.
    this.logger.log(
      `restarted ${name} (${fault.cause}: ${fault.detail}) in ${recoveryMs} ms, ` +
        `${engineMs} ms of it in the engine's restart`,
    );
  }

  failed(record: ContainerRecord, fault: Fault, failure: DockerError): void {
    const { id, name } = record.snapshot;
    const message = `restart of ${name} failed: ${failure.message}`;

    this.registry.update(
      id,
      (failed) => (failed.phase = 'faulty'),
      entry(record, MonitorLogKind.RestartFailed, fault, message),
    );
    this.logger.error(`restart of ${name} (${fault.cause}) failed: ${failure.message}`);
  }

  /**
   * The fault passed before its restart was due: someone else (an operator,
   * Docker's restart policy) brought it back, or its HEALTHCHECK passed again.
   */
  runningAgain(
    record: ContainerRecord,
    fresh?: ContainerSnapshot,
    how = 'running again',
  ): void {
    this.registry.update(record.snapshot.id, (ok) => {
      ok.snapshot = fresh ?? ok.snapshot;
      ok.phase = 'ok';
    });
    this.logger.log(`${record.snapshot.name} is ${how} on its own; no restart needed`);
  }
}

/** `stopped (exit 143 after SIGTERM)`; a packet loss fault says it all in its detail. */
export function describeFault(fault: Pick<Fault, 'cause' | 'detail'>): string {
  return fault.cause === FaultCause.PacketLoss
    ? fault.detail
    : `${fault.cause} (${fault.detail})`;
}

function entry(
  record: ContainerRecord,
  kind: MonitorLogKind,
  fault: Fault,
  message: string,
): LogEntryInput {
  const { shortId, name } = record.snapshot;

  return { kind, cause: fault.cause, containerId: shortId, containerName: name, message };
}

/** `restarted web-1 (stopped) in 412 ms` */
function restartedLine(name: string, fault: Fault, recoveryMs: number): string {
  return `restarted ${name} (${fault.cause}) in ${recoveryMs} ms`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
}
