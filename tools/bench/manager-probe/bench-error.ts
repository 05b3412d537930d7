/** Stable codes of what stops the probe benchmark. */
export const BenchErrorCode = {
  BadFlag: 'BENCH_BAD_FLAG',
  FleetNotReady: 'BENCH_FLEET_NOT_READY',
  Interrupted: 'BENCH_INTERRUPTED',
} as const;

export type BenchErrorCode = (typeof BenchErrorCode)[keyof typeof BenchErrorCode];

/** Raised by the benchmark; the message says what to do about it. */
export class BenchError extends Error {
  constructor(
    readonly code: BenchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BenchError';
  }
}
