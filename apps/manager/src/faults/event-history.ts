import type { ContainerEvent } from '@hms/docker';

/** Enough for any stop/kill/die/oom sequence, bounded against a noisy container. */
const EVENTS_KEPT_PER_CONTAINER = 32;

/** Actions that explain why a container is down; others (exec, attach) are noise. */
const FAULT_EVIDENCE = new Set(['kill', 'die', 'stop', 'oom', 'health_status', 'start']);

/**
 * The events of each container since it last started: what the fault
 * classifier reads to tell a stop from a kill or a crash.
 */
export class EventHistory {
  private readonly byContainer = new Map<string, ContainerEvent[]>();

  record(event: ContainerEvent): void {
    if (!FAULT_EVIDENCE.has(event.action)) {
      return;
    }
    if (event.action === 'start') {
      this.byContainer.set(event.id, []);

      return;
    }

    const events = this.byContainer.get(event.id) ?? [];
    events.push(event);
    if (events.length > EVENTS_KEPT_PER_CONTAINER) {
      events.shift();
    }
    this.byContainer.set(event.id, events);
  }

  since(id: string): readonly ContainerEvent[] {
    return this.byContainer.get(id) ?? [];
  }

  forget(id: string): void {
    this.byContainer.delete(id);
  }
}
