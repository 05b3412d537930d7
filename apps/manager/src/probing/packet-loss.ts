/** What one probe of a container got back. */
export interface ProbeResult {
  readonly sent: number;
  readonly received: number;
}

/** Lost packets as a percentage of those sent, rounded to 0.1; 100 when none was sent. */
export function packetLossPercent({ sent, received }: ProbeResult): number {
  if (sent <= 0) {
    return 100;
  }

  const lost = Math.max(0, sent - Math.min(received, sent));

  return Math.round((lost / sent) * 1000) / 10;
}

/** Above the threshold is a fault; exactly at it is not. */
export function exceedsThreshold(lossPercent: number, thresholdPercent: number): boolean {
  return lossPercent > thresholdPercent;
}
