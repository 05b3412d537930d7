import { Injectable } from '@nestjs/common';

import { MetricsService } from '../metrics/metrics.service';
import { HostState } from '../platform/host-state';
import { HostMembershipService } from '../platform/host-membership.service';
import { PlatformStateService } from '../platform/platform-state.service';
import { HostRemovalResponseDto } from './dto/host-removal-response.dto';
import { HostResponseDto } from './dto/host-response.dto';

/** Hosts as the REST API shows them, and their addition and removal. */
@Injectable()
export class HostsService {
  constructor(
    private readonly state: PlatformStateService,
    private readonly membership: HostMembershipService,
    private readonly metrics: MetricsService,
  ) {}

  list(): HostResponseDto[] {
    return this.state.list().map((host) => this.describe(host));
  }

  get(address: string): HostResponseDto {
    return this.describe(this.state.require(address));
  }

  /** Adds a host that waits for its manager; `created` is false when it was known already. */
  add(address: string): { host: HostResponseDto; created: boolean } {
    const { host, created } = this.membership.addHost(address);

    return { host: this.describe(host), created };
  }

  async remove(address: string): Promise<HostRemovalResponseDto> {
    const { retired } = await this.membership.removeHost(address);
    const message = retired
      ? `host ${address} left supervision; its manager stopped acting`
      : `host ${address} left supervision; its manager was not reached and may still act`;

    return { address, retired, message };
  }

  private describe(host: HostState): HostResponseDto {
    return HostResponseDto.from(host, this.metrics.bandwidth(host.address));
  }
}
