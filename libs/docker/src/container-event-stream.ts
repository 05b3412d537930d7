import { ContainerEvent, parseContainerEvent } from './container-event';
import { DockerError, DockerErrorCode } from './docker-error';

/** Receives what the events stream says, and when it stops. */
export interface ContainerEventListener {
  onEvent(event: ContainerEvent): void;

  /**
   * Called once when the stream ends or fails, never after close(): the
   * caller reconnects (and re-lists, since events may have been missed).
   */
  onEnd(error: DockerError): void;
}

/** A followed events stream; close() stops it without calling onEnd. */
export interface EventSubscription {
  close(): void;
}

/** The largest line the engine sends is a few KiB; anything bigger is garbage. */
const MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Splits the engine's newline-delimited JSON events into ContainerEvents and
 * reports the stream's end exactly once.
 */
export class ContainerEventStream implements EventSubscription {
  private buffered = '';
  private finished = false;

  constructor(
    private readonly stream: NodeJS.ReadableStream,
    private readonly listener: ContainerEventListener,
  ) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => this.receive(chunk));
    stream.on('end', () => this.finish('the engine closed the events stream'));
    stream.on('close', () => this.finish('the events stream was closed'));
    stream.on('error', (error: Error) => this.finish(error.message, error));
  }

  close(): void {
    this.finished = true;

    const destroyable = this.stream as NodeJS.ReadableStream & { destroy?: () => void };
    destroyable.destroy?.();
  }

  private receive(chunk: string): void {
    if (this.finished) {
      return;
    }

    this.buffered += chunk;
    const lines = this.buffered.split('\n');
    this.buffered = lines.pop() ?? '';
    if (this.buffered.length > MAX_LINE_LENGTH) {
      this.buffered = '';
    }

    for (const line of lines) {
      this.emitLine(line);
    }
  }

  private emitLine(line: string): void {
    const event = parseLine(line);
    if (event !== undefined) {
      this.listener.onEvent(event);
    }
  }

  private finish(reason: string, cause?: unknown): void {
    if (this.finished) {
      return;
    }
    this.finished = true;

    const error = new DockerError(
      DockerErrorCode.EventStreamFailed,
      { operation: 'following events' },
      reason,
      { cause },
    );
    this.listener.onEnd(error);
  }
}

function parseLine(line: string): ContainerEvent | undefined {
  if (line.trim() === '') {
    return undefined;
  }

  try {
    return parseContainerEvent(JSON.parse(line));
  } catch {
    // A torn or foreign line is skipped: the next one is independent of it.
    return undefined;
  }
}
