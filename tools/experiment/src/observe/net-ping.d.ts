/** The part of net-ping (which ships no types) that the observer uses. */
declare module 'net-ping' {
  export interface SessionOptions {
    retries?: number;
    timeout?: number;
  }

  export type PingCallback = (error: Error | null, target: string) => void;

  export interface Session {
    pingHost(target: string, callback: PingCallback): Session;
    close(): void;
  }

  export function createSession(options?: SessionOptions): Session;
}
