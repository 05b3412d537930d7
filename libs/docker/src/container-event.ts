/**
 * What happened to a container, as the engine's events stream reports it.
 * `action` is the engine's verb without its detail: `health_status:
 * unhealthy` becomes action `health_status` with `healthStatus` unhealthy,
 * `exec_start: sh -c ...` becomes `exec_start`.
 */
export interface ContainerEvent {
  /** Full container ID. */
  readonly id: string;
  readonly action: string;

  /** Container name, from the event's attributes. */
  readonly name?: string;

  /** For `die`: the main process's exit code. */
  readonly exitCode?: number;

  /** For `kill`: the signal number sent. */
  readonly signal?: number;

  /** For `health_status`: the new status. */
  readonly healthStatus?: string;

  /** Every attribute, labels included, as the engine sent them. */
  readonly attributes: Readonly<Record<string, string>>;

  /** When it happened, in ms since the epoch. */
  readonly timeMs: number;
}

/** The actions a supervisor acts on. */
export const ContainerAction = {
  Create: 'create',
  Start: 'start',
  Restart: 'restart',
  Kill: 'kill',
  Die: 'die',
  Stop: 'stop',
  Oom: 'oom',
  HealthStatus: 'health_status',
  Pause: 'pause',
  Unpause: 'unpause',
  Rename: 'rename',
  Destroy: 'destroy',
} as const;

interface RawEvent {
  Type?: unknown;
  Action?: unknown;
  status?: unknown;
  id?: unknown;
  Actor?: { ID?: unknown; Attributes?: unknown };
  time?: unknown;
  timeNano?: unknown;
}

/**
 * Parses one JSON object of the events stream. Returns undefined for what is
 * not a container event (images, networks, volumes) or not well formed.
 */
export function parseContainerEvent(raw: unknown): ContainerEvent | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }

  const event = raw as RawEvent;
  const id = stringOr(event.Actor?.ID, event.id);
  const fullAction = stringOr(event.Action, event.status);
  if (event.Type !== 'container' || id === undefined || fullAction === undefined) {
    return undefined;
  }

  const attributes = stringAttributes(event.Actor?.Attributes);
  const [action, detail] = splitAction(fullAction);

  return {
    id,
    action,
    ...optional('name', attributes['name']),
    ...optional('exitCode', integer(attributes['exitCode'])),
    ...optional('signal', integer(attributes['signal'])),
    ...optional(
      'healthStatus',
      action === ContainerAction.HealthStatus ? detail : undefined,
    ),
    attributes,
    timeMs: eventTimeMs(event),
  };
}

function splitAction(fullAction: string): [string, string | undefined] {
  const colon = fullAction.indexOf(':');
  if (colon < 0) {
    return [fullAction.trim(), undefined];
  }

  return [fullAction.slice(0, colon).trim(), fullAction.slice(colon + 1).trim()];
}

/** `timeNano` is exact; `time` (seconds) is what old engines send. */
function eventTimeMs(event: RawEvent): number {
  if (typeof event.timeNano === 'number' && Number.isFinite(event.timeNano)) {
    return Math.floor(event.timeNano / 1e6);
  }
  if (typeof event.time === 'number' && Number.isFinite(event.time)) {
    return event.time * 1000;
  }

  return Date.now();
}

function stringAttributes(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null) {
    return {};
  }

  const entries = Object.entries(raw).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );

  return Object.fromEntries(entries);
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+$/.test(text)) {
    return undefined;
  }

  return Number(text);
}

function stringOr(...candidates: unknown[]): string | undefined {
  return candidates.find(
    (candidate): candidate is string => typeof candidate === 'string',
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
