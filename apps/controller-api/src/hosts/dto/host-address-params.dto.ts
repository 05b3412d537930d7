import { ApiProperty } from '@nestjs/swagger';
import { IsIP } from 'class-validator';

/** A host in the path: hosts are known by their IPv4 address. */
export class HostAddressParamsDto {
  @ApiProperty({
    description: "IPv4 address of the host's Docker engine",
    example: '10.0.0.5',
  })
  @IsIP(4, { message: 'address must be an IPv4 address such as 10.0.0.5' })
  address!: string;
}
