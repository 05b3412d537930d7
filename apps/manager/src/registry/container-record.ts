import {
  ContainerStatusDto,
  FaultCause,
  FaultDto,
  HmsStatus,
  MonitorLogEntryDto,
  MonitorLogKind,
  RestartDto,
} from '@hms/contracts';
import type { ContainerSnapshot } from '@hms/docker';

/** Where HMS stands with a container, beside Docker's own state. */
export type CarePhase = 'ok' | 'faulty' | 'restarting';

/** Everything a manager knows about one container. */
export interface ContainerRecord {
  snapshot: ContainerSnapshot;
  phase: CarePhase;
  packetLoss?: number;
  probedAt?: string;
  restarts: number;

  /**
   * Already exited long before the manager first saw it (a finished job):
   * left down, not a fault, until it runs again.
   */
  leftDown?: boolean;
  lastFault?: FaultDto;
  lastRestart?: RestartDto;

  /** Monitor log revision of the last change, for content deltas. */
  changedRevision: number;
}

export interface StatusContext {
  readonly ignored: boolean;
  readonly acting: boolean;
}

/** A classified fault, as detectors hand it to the healer. */
export interface Fault {
  readonly cause: FaultCause;

  /** What was seen, for an operator: `exit 143 after SIGTERM`. */
  readonly detail: string;

  /** When it happened (ms since the epoch): recovery time counts from here. */
  readonly atMs: number;
}

/** The address probes go to: the container's first IPv4. */
export function probeAddress(snapshot: ContainerSnapshot): string | undefined {
  return snapshot.networks[0]?.ipv4;
}

/** The container as `give_content` reports it; an ignored one shows only its ID. */
export function toContainerStatus(
  record: ContainerRecord,
  context: StatusContext,
): ContainerStatusDto {
  const { snapshot } = record;
  if (context.ignored) {
    return { id: snapshot.shortId, status: HmsStatus.Ignored };
  }

  const ipv4 = probeAddress(snapshot);
  const [status, statusReason] = statusOf(record, context);

  return {
    id: snapshot.shortId,
    status,
    ...(statusReason && { statusReason }),
    fullId: snapshot.id,
    name: snapshot.name,
    image: snapshot.image,
    state: snapshot.state,
    ...(snapshot.health && { health: snapshot.health }),
    networks: snapshot.networks.map(({ network, ipv4 }) => ({ network, ipv4 })),
    ...(ipv4 && { ipv4 }),
    ...(record.packetLoss !== undefined && { packetLoss: record.packetLoss }),
    ...(record.probedAt && { probedAt: record.probedAt }),
    restarts: record.restarts,
    ...(record.lastFault && { lastFault: record.lastFault }),
    ...(record.lastRestart && { lastRestart: record.lastRestart }),
  };
}

function statusOf(record: ContainerRecord, context: StatusContext): [HmsStatus, string?] {
  const { snapshot, phase } = record;
  const retired = context.acting ? '' : '; host retired: not probed or restarted';

  if (phase === 'restarting' || snapshot.state === 'restarting') {
    return [HmsStatus.Restarting];
  }
  if (phase === 'faulty' && record.lastFault) {
    const { cause, detail } = record.lastFault;

    return [HmsStatus.Faulty, `${cause}: ${detail}${retired}`];
  }
  if (record.leftDown) {
    return [
      HmsStatus.NotProbed,
      `${snapshot.state} (exit ${snapshot.exitCode}) at ${snapshot.finishedAt}, long before ` +
        'the manager saw it (over HMS_RESTART_EXITED_WITHIN_MS): left down until it runs again',
    ];
  }
  if (snapshot.state === 'exited' || snapshot.state === 'dead') {
    return [HmsStatus.Faulty, `${snapshot.state} (exit ${snapshot.exitCode})${retired}`];
  }
  if (snapshot.state !== 'running') {
    return [HmsStatus.NotProbed, `${snapshot.state}: only running containers are probed`];
  }
  if (probeAddress(snapshot) === undefined) {
    return [
      HmsStatus.NotProbed,
      `no IPv4 address (network none or host): supervised for its state only${retired}`,
    ];
  }

  return context.acting
    ? [HmsStatus.Active]
    : [HmsStatus.Active, 'host retired: not probed'];
}

/** The monitor log entry of a container seen for the first time. */
export function discoveredEntry(
  snapshot: ContainerSnapshot,
  leftDown = false,
): Omit<MonitorLogEntryDto, 'revision' | 'at'> {
  const what = [snapshot.image, snapshot.state, probeAddress(snapshot) ?? 'no IPv4'].join(
    ', ',
  );
  const care = leftDown
    ? `; exited at ${snapshot.finishedAt}: left down until it runs again`
    : '';

  return {
    kind: MonitorLogKind.Discovered,
    containerId: snapshot.shortId,
    containerName: snapshot.name,
    message: `discovered ${snapshot.name} (${what})${care}`,
  };
}

/** What the content shows of a snapshot: a change elsewhere (pid) is no new revision. */
export function fingerprint(snapshot: ContainerSnapshot): string {
  const { name, image, state, health, networks, labels, exitCode } = snapshot;

  return JSON.stringify({ name, image, state, health, networks, labels, exitCode });
}
