import { Injectable } from '@nestjs/common';

import type { ContainerFilter, ContainerSnapshot } from '@hms/docker';

import { ManagerConfig } from './manager.config';

/**
 * HMS_SCOPE_LABEL: when set, containers without that label do not exist for
 * this manager, so several managers (or tests) can share one engine.
 */
@Injectable()
export class ScopeFilter {
  private readonly key?: string;
  private readonly value?: string;

  constructor(config: ManagerConfig) {
    if (config.scopeLabel !== undefined) {
      const separator = config.scopeLabel.indexOf('=');
      this.key = config.scopeLabel.slice(0, separator);
      this.value = config.scopeLabel.slice(separator + 1);
    }
  }

  /** For the engine's own filtering of listings and events. */
  get engineFilter(): ContainerFilter {
    return this.key === undefined ? {} : { labels: [`${this.key}=${this.value}`] };
  }

  includes(snapshot: ContainerSnapshot): boolean {
    return this.key === undefined || snapshot.labels[this.key] === this.value;
  }

  describe(): string {
    return this.key === undefined
      ? 'every container'
      : `containers labelled ${this.key}=${this.value}`;
  }
}
