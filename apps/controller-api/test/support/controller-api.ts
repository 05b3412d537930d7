import { ContainerResponseDto } from '../../src/containers/dto/container-response.dto';
import { HostContainersResponseDto } from '../../src/containers/dto/host-containers-response.dto';
import {
  EventListResponseDto,
  EventResponseDto,
} from '../../src/history/event-response.dto';
import { HostResponseDto } from '../../src/hosts/dto/host-response.dto';
import { RestClient } from './rest-client';

/** The controller's read routes, typed by their DTOs; anything but a 200 fails the test. */
export class ControllerApi extends RestClient {
  hosts(): Promise<HostResponseDto[]> {
    return this.read('/hosts');
  }

  host(address: string): Promise<HostResponseDto> {
    return this.read(`/hosts/${address}`);
  }

  containers(): Promise<HostContainersResponseDto[]> {
    return this.read('/containers');
  }

  containersOf(address: string): Promise<HostContainersResponseDto> {
    return this.read(`/containers/${address}`);
  }

  container(address: string, ref: string): Promise<ContainerResponseDto> {
    return this.read(`/containers/${address}/${ref}`);
  }

  /** History events of a host, newest first, optionally of some kinds only. */
  async events(host: string, ...kinds: string[]): Promise<EventResponseDto[]> {
    const kindQuery = kinds.length === 0 ? '' : `&kind=${kinds.join(',')}`;
    const list = await this.read<EventListResponseDto>(
      `/events?host=${host}${kindQuery}`,
    );

    return list.events;
  }

  private async read<T>(path: string): Promise<T> {
    const { status, body } = await this.get<T>(path);
    if (status !== 200) {
      throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body)}`);
    }

    return body;
  }
}
