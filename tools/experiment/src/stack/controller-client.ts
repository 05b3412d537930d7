import { ScenarioSettings } from '@hms/contracts';

import { ExperimentError, ExperimentErrorCode } from '../experiment-error';

/** Deadline of one REST call; stopping the antagonist waits for its cleanup. */
const REQUEST_TIMEOUT_MS = 20_000;

export interface ReportedAttack {
  readonly at: string;
  readonly containerId: string;
  readonly containerName: string;
  readonly attack: 'stop' | 'packet-loss';
  readonly loss?: number;
  readonly durationSeconds?: number;
  readonly method?: string;
}

/** The controller's REST API on loopback, as the experiment uses it. */
export class ControllerClient {
  constructor(private readonly baseUrl: string) {}

  async healthy(): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}/health`).catch(() => undefined);

    return response?.ok === true;
  }

  /** How many containers the controller knows on a host (0 while it knows none). */
  async containerCount(host: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}/containers/${host}`);
    if (!response.ok) {
      return 0;
    }
    const body = (await response.json()) as { containers?: unknown[] };

    return body.containers?.length ?? 0;
  }

  async configureAntagonist(host: string, settings: ScenarioSettings): Promise<void> {
    const query = new URLSearchParams(
      Object.entries(settings).map(([key, value]): [string, string] => [
        key,
        String(value),
      ]),
    );

    await this.call('PUT', `/antagonist/${host}?${query}`);
  }

  async startAntagonist(host: string): Promise<void> {
    await this.call('POST', `/antagonist/${host}/start`);
  }

  async stopAntagonist(host: string): Promise<void> {
    await this.call('POST', `/antagonist/${host}/stop`);
  }

  async attacks(host: string): Promise<ReportedAttack[]> {
    const body = (await this.call(
      'GET',
      `/antagonist/attacks?host=${host}&limit=1000`,
    )) as {
      attacks: ReportedAttack[];
    };

    return body.attacks;
  }

  /** Prometheus text of GET /metrics. */
  async metrics(): Promise<string> {
    const response = await fetch(`${this.baseUrl}/metrics`);

    return response.ok ? response.text() : '';
  }

  private async call(method: string, path: string): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const message =
        (body as { message?: string } | undefined)?.message ?? response.statusText;
      throw new ExperimentError(
        ExperimentErrorCode.RequestFailed,
        `${method} ${path} answered ${response.status}: ${message}`,
      );
    }

    return body;
  }
}
