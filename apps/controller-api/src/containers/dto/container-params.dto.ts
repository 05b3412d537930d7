import { CONTAINER_REF_PATTERN } from '@hms/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

import { HostAddressParamsDto } from '../../hosts/dto/host-address-params.dto';

/** A container on a host, by short ID, full ID or name. */
export class ContainerParamsDto extends HostAddressParamsDto {
  @ApiProperty({
    description: 'Short ID, full ID or name of the container',
    example: 'web-1',
  })
  @Matches(CONTAINER_REF_PATTERN, {
    message:
      'containerId must be a container short ID, full ID or name ' +
      '(letters, digits, _ . - ; at most 128)',
  })
  containerId!: string;
}
