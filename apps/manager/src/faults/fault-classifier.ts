import { FaultCause } from '@hms/contracts';
import type { ContainerEvent, ContainerSnapshot } from '@hms/docker';

export interface Classification {
  readonly cause: FaultCause;
  readonly detail: string;
}

/** Docker's numbers for the signals a stop or kill sends. */
const SIGNAL_NAMES: Readonly<Record<number, string>> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  6: 'SIGABRT',
  9: 'SIGKILL',
  10: 'SIGUSR1',
  12: 'SIGUSR2',
  15: 'SIGTERM',
};

type ContainerFacts = Pick<
  ContainerSnapshot,
  'state' | 'exitCode' | 'oomKilled' | 'health'
>;

/**
 * Tells why a container is down (or unhealthy) from its events since it last
 * started and its state. Returns undefined when it is running and healthy.
 * Never from the exit code alone: 137 is both `docker kill` and the OOM killer.
 *
 * - an `oom` event, or OOMKilled in its state: oom
 * - a `stop` event (docker stop: SIGTERM, maybe SIGKILL, die, stop): stopped
 * - a `kill` event before the `die` (docker kill): killed
 * - a `die` with no kill before it: crashed
 * - running with HEALTHCHECK unhealthy: unhealthy
 */
export function classifyFault(
  events: readonly ContainerEvent[],
  facts: ContainerFacts,
): Classification | undefined {
  const died = lastOf(events, 'die');
  const exitCode = died?.exitCode ?? facts.exitCode;
  const signals = signalsBefore(events, died);
  const after = signals.length > 0 ? ` after ${signals.join(', ')}` : '';

  if (facts.state === 'running' || facts.state === 'restarting') {
    return died === undefined ? unhealthyFault(events, facts) : undefined;
  }
  if (lastOf(events, 'oom') !== undefined || facts.oomKilled) {
    return { cause: FaultCause.Oom, detail: `OOM-killed, exit ${exitCode}` };
  }
  if (lastOf(events, 'stop') !== undefined) {
    return { cause: FaultCause.Stopped, detail: `exit ${exitCode}${after}` };
  }
  if (signals.length > 0) {
    return { cause: FaultCause.Killed, detail: `exit ${exitCode}${after}` };
  }
  if (died !== undefined) {
    return { cause: FaultCause.Crashed, detail: `exit ${exitCode}, no signal sent` };
  }
  if (facts.state === 'exited' || facts.state === 'dead') {
    return {
      cause: FaultCause.Crashed,
      detail: `found ${facts.state} (exit ${exitCode}); its events were missed`,
    };
  }

  return undefined;
}

function unhealthyFault(
  events: readonly ContainerEvent[],
  facts: ContainerFacts,
): Classification | undefined {
  const lastHealth = lastOf(events, 'health_status')?.healthStatus ?? facts.health;
  if (lastHealth !== 'unhealthy') {
    return undefined;
  }

  return { cause: FaultCause.Unhealthy, detail: 'HEALTHCHECK reports unhealthy' };
}

function lastOf(
  events: readonly ContainerEvent[],
  action: string,
): ContainerEvent | undefined {
  return [...events].reverse().find((event) => event.action === action);
}

/** Signals sent by kill events before the death (all of them when it has not died). */
function signalsBefore(
  events: readonly ContainerEvent[],
  died?: ContainerEvent,
): string[] {
  const end = died === undefined ? events.length : events.indexOf(died);

  return events
    .slice(0, end)
    .filter((event) => event.action === 'kill')
    .map((event) => signalName(event.signal));
}

export function signalName(signal: number | undefined): string {
  if (signal === undefined) {
    return 'a signal';
  }

  return SIGNAL_NAMES[signal] ?? `signal ${signal}`;
}
