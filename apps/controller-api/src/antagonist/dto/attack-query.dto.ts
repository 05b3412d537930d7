import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsIP, IsOptional, Max, Min } from 'class-validator';

import { toNumber } from '../../containers/dto/threshold-query.dto';

export class AttackQueryDto {
  @ApiPropertyOptional({ description: 'Only attacks of this host', example: '10.0.0.5' })
  @IsOptional()
  @IsIP(4, { message: 'host must be an IPv4 address such as 10.0.0.5' })
  host?: string;

  @ApiPropertyOptional({ description: 'At most this many, newest first', default: 100 })
  @IsOptional()
  @Transform(({ value }) => toNumber(value))
  @IsInt({ message: 'limit must be a whole number from 1 to 1000' })
  @Min(1)
  @Max(1000)
  limit?: number;
}
