import { Readable } from 'node:stream';

import Docker from 'dockerode';

export interface ContainerEvent {
  /** ms since epoch, from the engine's own clock. */
  readonly at: number;
  readonly action: 'start' | 'die';
  readonly containerId: string;
}

interface EngineEvent {
  readonly Action?: string;
  readonly id?: string;
  readonly timeNano?: number;
}

/**
 * Start and die events of the run's containers from the engine's event
 * stream: exact times of every stop and of every (re)start.
 */
export class ContainerEvents {
  readonly events: ContainerEvent[] = [];
  private stream: Readable | undefined;
  private buffered = '';

  constructor(
    private readonly docker: Docker,
    private readonly scopeLabel: string,
  ) {}

  async follow(): Promise<void> {
    const stream = (await this.docker.getEvents({
      filters: { type: ['container'], event: ['start', 'die'], label: [this.scopeLabel] },
    })) as Readable;

    stream.on('data', (chunk: Buffer) => this.read(chunk));
    stream.on('error', () => undefined); // destroyed on purpose in stop()
    this.stream = stream;
  }

  stop(): void {
    this.stream?.destroy();
  }

  private read(chunk: Buffer): void {
    this.buffered += chunk.toString();
    const lines = this.buffered.split('\n');
    this.buffered = lines.pop() ?? '';

    for (const line of lines.filter((text) => text.trim() !== '')) {
      const event = JSON.parse(line) as EngineEvent;
      if (
        (event.Action === 'start' || event.Action === 'die') &&
        event.id &&
        event.timeNano
      ) {
        this.events.push({
          at: event.timeNano / 1e6,
          action: event.Action,
          containerId: event.id,
        });
      }
    }
  }
}
