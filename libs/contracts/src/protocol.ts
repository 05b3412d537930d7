/**
 * Version of the manager/controller protocol. A manager announces it, the
 * controller shows it per host and refuses nothing on a mismatch but logs it.
 */
export const PROTOCOL_VERSION = 1;

/**
 * Names of every exchange HMS uses. All of them hang off one namespace so
 * that several HMS installations (or parallel test runs) can share a broker
 * without hearing each other.
 */
export interface AmqpTopology {
  /** Direct exchange: commands to one manager, routing key = host address. */
  readonly commands: string;

  /** Fanout exchange: commands to every manager at once. */
  readonly broadcast: string;

  /** Topic exchange: notices from managers and antagonists to the controller. */
  readonly notices: string;
}

/** @default 'hms' */
export const DEFAULT_NAMESPACE = 'hms';

export function amqpTopology(namespace: string = DEFAULT_NAMESPACE): AmqpTopology {
  return {
    commands: `${namespace}.commands`,
    broadcast: `${namespace}.broadcast`,
    notices: `${namespace}.notices`,
  };
}

/** An exchange as the apps declare it; the same name with another type fails. */
export interface AmqpExchange {
  readonly name: string;
  readonly type: 'direct' | 'fanout' | 'topic';
}

/** The namespace's exchanges with the types every app declares them with. */
export function amqpExchanges(namespace: string = DEFAULT_NAMESPACE): AmqpExchange[] {
  const topology = amqpTopology(namespace);

  return [
    { name: topology.commands, type: 'direct' },
    { name: topology.broadcast, type: 'fanout' },
    { name: topology.notices, type: 'topic' },
  ];
}

/** Routing keys on the notices exchange: `<kind>.<host address>`. */
export const NoticeKind = {
  Announce: 'announce',
  Update: 'update',
  Heartbeat: 'heartbeat',
  Attack: 'attack',
} as const;

export type NoticeKind = (typeof NoticeKind)[keyof typeof NoticeKind];

export function noticeRoutingKey(kind: NoticeKind, address: string): string {
  return `${kind}.${address}`;
}

/** Queue a manager consumes its unicast commands from. */
export function managerCommandQueue(namespace: string, address: string): string {
  return `${namespace}.manager.${address}.commands`;
}

/** Queue a manager consumes fanout commands from (one per manager). */
export function managerBroadcastQueue(namespace: string, address: string): string {
  return `${namespace}.manager.${address}.broadcast`;
}

/** Routing key for an antagonist's unicast commands on the commands exchange. */
export function antagonistRoutingKey(address: string): string {
  return `antagonist.${address}`;
}
