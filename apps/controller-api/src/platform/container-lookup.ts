import { ContainerStatusDto } from '@hms/contracts';

import { HostState } from './host-state';

/** Length of the short ID Docker shows: the first hex digits of the full ID. */
const SHORT_ID_LENGTH = 12;

/** The short ID of a full (or already short) container ID. */
export function shortIdOf(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}

/** A container found on a host, with the IDs the controller knows for it. */
export interface FoundContainer {
  readonly status: ContainerStatusDto;
  readonly shortId: string;

  /** Full ID when known; an ignored container may be known by short ID only. */
  readonly fullId?: string;
  readonly name?: string;
}

/**
 * Finds a container by short ID, full ID or name, as an operator types it. An
 * ignored container is listed by short ID only, so the names and full IDs seen
 * earlier are searched too.
 */
export function findContainer(host: HostState, ref: string): FoundContainer | undefined {
  for (const [shortId, status] of host.containers) {
    const alias = host.aliases?.get(shortId);
    const fullId = status.fullId ?? alias?.fullId;
    const name = status.name ?? alias?.name;

    if (ref === shortId || ref === fullId || ref === name) {
      return { status, shortId, fullId, name };
    }
  }

  return undefined;
}
