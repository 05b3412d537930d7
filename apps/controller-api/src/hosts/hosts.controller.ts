import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { NoQueryDto } from '../http/no-query.dto';
import { HostAddressParamsDto } from './dto/host-address-params.dto';
import { HostResponseDto } from './dto/host-response.dto';
import { HostsService } from './hosts.service';

@ApiTags('hosts')
@Controller('hosts')
export class HostsController {
  constructor(private readonly hosts: HostsService) {}

  @Get()
  @ApiOperation({ summary: 'Every host: liveness, configuration, traffic' })
  @ApiOkResponse({ type: [HostResponseDto] })
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  list(@Query() _query: NoQueryDto): HostResponseDto[] {
    return this.hosts.list();
  }

  @Get(':address')
  @ApiOperation({
    summary: 'One host: liveness, configuration, traffic and delta savings',
  })
  @ApiOkResponse({ type: HostResponseDto })
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(
    @Param() params: HostAddressParamsDto,
    @Query() _query: NoQueryDto,
  ): HostResponseDto {
    return this.hosts.get(params.address);
  }
}
