import { Controller, Delete, Get, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import {
  ApiErrorResponses,
  ApiManagerCommandErrors,
} from '../http/api-error-responses.decorator';
import { NoQueryDto } from '../http/no-query.dto';
import { HostAddressParamsDto } from '../hosts/dto/host-address-params.dto';
import { ContainersService } from './containers.service';
import { ContainerParamsDto } from './dto/container-params.dto';
import { ContainerResponseDto } from './dto/container-response.dto';
import { ContainerSupervisionResponseDto } from './dto/container-supervision-response.dto';
import { HostContainersResponseDto } from './dto/host-containers-response.dto';
import { SupervisionService } from './supervision.service';

/** The report's container routes: reading containers, ignoring and supervising them. */
@ApiTags('containers')
@Controller('containers')
export class ContainersController {
  constructor(
    private readonly containers: ContainersService,
    private readonly supervision: SupervisionService,
  ) {}

  @Get()
  @ApiOperation({ summary: "Every host's containers, grouped by host" })
  @ApiOkResponse({ type: [HostContainersResponseDto] })
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  listAll(@Query() _query: NoQueryDto): HostContainersResponseDto[] {
    return this.containers.listAll();
  }

  @Get(':address')
  @ApiOperation({ summary: "One host's containers" })
  @ApiOkResponse({ type: HostContainersResponseDto })
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  listHost(
    @Param() params: HostAddressParamsDto,
    @Query() _query: NoQueryDto,
  ): HostContainersResponseDto {
    return this.containers.listHost(params.address);
  }

  @Get(':address/:containerId')
  @ApiOperation({ summary: 'One container, by short ID, full ID or name' })
  @ApiOkResponse({ type: ContainerResponseDto })
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  findOne(
    @Param() params: ContainerParamsDto,
    @Query() _query: NoQueryDto,
  ): ContainerResponseDto {
    return this.containers.findOne(params.address, params.containerId);
  }

  @Put(':address/:containerId')
  @ApiOperation({
    summary: 'Supervise a container again (container_add)',
    description: 'HMS probes it and restarts it on faults; it leaves the ignore list.',
  })
  @ApiOkResponse({ type: ContainerSupervisionResponseDto })
  @ApiManagerCommandErrors()
  supervise(
    @Param() params: ContainerParamsDto,
    @Query() _query: NoQueryDto,
  ): Promise<ContainerSupervisionResponseDto> {
    return this.supervision.supervise(params.address, params.containerId);
  }

  @Delete(':address/:containerId')
  @ApiOperation({
    summary: 'Ignore a container (container_ignore)',
    description: 'HMS neither probes nor restarts it; it is listed with status ignored.',
  })
  @ApiOkResponse({ type: ContainerSupervisionResponseDto })
  @ApiManagerCommandErrors()
  ignore(
    @Param() params: ContainerParamsDto,
    @Query() _query: NoQueryDto,
  ): Promise<ContainerSupervisionResponseDto> {
    return this.supervision.ignore(params.address, params.containerId);
  }
}
