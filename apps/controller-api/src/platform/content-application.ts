import {
  ContainerStatusDto,
  ManagerContentDto,
  MonitorLogEntryDto,
} from '@hms/contracts';

import { ContainerAlias, HostState } from './host-state';

export type ContentApplication =
  | { readonly applied: true; readonly newEntries: MonitorLogEntryDto[] }
  | { readonly applied: false; readonly reason: string };

/**
 * Brings a host's containers to the content its manager sent: full content
 * replaces them, a delta upserts the changed ones and drops the removed ones.
 * Returns the monitor-log entries the controller did not hold yet.
 *
 * A delta that goes back in revision means the manager's log started over (a
 * restart the controller missed); it is not applied, and the held revision
 * drops to 0 so the next request asks for everything.
 */
export function applyContent(
  host: HostState,
  content: ManagerContentDto,
): ContentApplication {
  const heldRevision = host.revision;

  if (!content.full && content.revision < heldRevision) {
    host.revision = 0;

    return {
      applied: false,
      reason: `delta at revision ${content.revision} is behind the held ${heldRevision}`,
    };
  }

  for (const id of removedBy(host, content)) {
    host.containers.delete(id);
    host.aliases?.delete(id);
  }
  for (const container of content.containers) {
    host.containers.set(container.id, container);
    rememberAlias(host, container);
  }

  host.revision = content.revision;
  host.reportedThreshold = content.threshold;

  // After a restart the manager counts from 1 again, so every entry of a full
  // content that lands below the held revision is news too.
  const restarted = content.full && content.revision < heldRevision;
  const newEntries = restarted
    ? content.log
    : content.log.filter((entry) => entry.revision > heldRevision);

  return { applied: true, newEntries };
}

/**
 * What the same content would have weighed sent in full: every container the
 * host now has instead of the changed ones. The log is counted as received, so
 * this is a lower bound of what a full resend costs.
 */
export function fullEquivalentBytes(host: HostState, content: ManagerContentDto): number {
  const full: ManagerContentDto = {
    ...content,
    full: true,
    containers: [...host.containers.values()],
    removed: [],
  };

  return Buffer.byteLength(JSON.stringify(full));
}

/** Full content lists every container, so whatever it leaves out is gone. */
function removedBy(host: HostState, content: ManagerContentDto): string[] {
  if (!content.full) {
    return content.removed;
  }
  const listed = new Set(content.containers.map((container) => container.id));

  return [...host.containers.keys()].filter((id) => !listed.has(id));
}

function rememberAlias(host: HostState, container: ContainerStatusDto): void {
  const aliases = (host.aliases ??= new Map<string, ContainerAlias>());
  const known = aliases.get(container.id) ?? {};

  aliases.set(container.id, {
    fullId: container.fullId ?? known.fullId,
    name: container.name ?? known.name,
  });
}
