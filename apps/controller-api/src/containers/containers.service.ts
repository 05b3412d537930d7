import { Injectable } from '@nestjs/common';

import { ContainerNotFoundError } from '../errors/controller-error';
import { findContainer } from '../platform/container-lookup';
import { PlatformStateService } from '../platform/platform-state.service';
import { ContainerResponseDto } from './dto/container-response.dto';
import { HostContainersResponseDto } from './dto/host-containers-response.dto';

/** The containers of the platform as their managers last reported them. */
@Injectable()
export class ContainersService {
  constructor(private readonly state: PlatformStateService) {}

  listAll(): HostContainersResponseDto[] {
    return this.state.list().map((host) => HostContainersResponseDto.from(host));
  }

  listHost(address: string): HostContainersResponseDto {
    return HostContainersResponseDto.from(this.state.require(address));
  }

  findOne(address: string, containerRef: string): ContainerResponseDto {
    const found = findContainer(this.state.require(address), containerRef);
    if (found === undefined) {
      throw new ContainerNotFoundError(address, containerRef);
    }

    return ContainerResponseDto.from(address, found.status);
  }
}
