import { ContainerStatusDto } from '@hms/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** One container, with the host it runs on. */
export class ContainerResponseDto extends ContainerStatusDto {
  @ApiProperty({ description: 'IPv4 address of its host', example: '10.0.0.5' })
  host!: string;

  static from(host: string, container: ContainerStatusDto): ContainerResponseDto {
    return { host, ...container };
  }
}
