/** The part of net-ping (which ships no types) that the ICMP prober uses. */
declare module 'net-ping' {
  import { EventEmitter } from 'node:events';

  export interface SessionOptions {
    retries?: number;
    timeout?: number;
    packetSize?: number;
    sessionId?: number;
    ttl?: number;
  }

  export type PingCallback = (
    error: Error | null,
    target: string,
    sent?: Date,
    received?: Date,
  ) => void;

  export class Session extends EventEmitter {
    pingHost(target: string, callback: PingCallback): this;
    close(): this;
  }

  export function createSession(options?: SessionOptions): Session;
}
