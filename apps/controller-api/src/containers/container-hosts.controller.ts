import {
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { NoQueryDto } from '../http/no-query.dto';
import { HostAddressParamsDto } from '../hosts/dto/host-address-params.dto';
import { HostRemovalResponseDto } from '../hosts/dto/host-removal-response.dto';
import { HostResponseDto } from '../hosts/dto/host-response.dto';
import { HostsService } from '../hosts/hosts.service';
import { ThresholdQueryDto } from './dto/threshold-query.dto';
import { ThresholdResponseDto } from './dto/threshold-response.dto';
import { ThresholdService } from './threshold.service';

/** The report's host-level routes under /containers: thresholds, adding and removing hosts. */
@ApiTags('containers')
@Controller('containers')
export class ContainerHostsController {
  constructor(
    private readonly thresholds: ThresholdService,
    private readonly hosts: HostsService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Set the packet loss threshold of every host (one fanout message)',
    description:
      'Answers once every live host said ok; other hosts get it when they are back.',
  })
  @ApiOkResponse({ type: ThresholdResponseDto })
  @ApiErrorResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.CONFLICT,
    HttpStatus.BAD_GATEWAY,
    HttpStatus.SERVICE_UNAVAILABLE,
    HttpStatus.GATEWAY_TIMEOUT,
  )
  setThresholdEverywhere(
    @Query() query: ThresholdQueryDto,
  ): Promise<ThresholdResponseDto> {
    return this.thresholds.setEverywhere(query.threshold);
  }

  @Post(':address')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Set the packet loss threshold of one host' })
  @ApiOkResponse({ type: ThresholdResponseDto })
  @ApiErrorResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.NOT_FOUND,
    HttpStatus.CONFLICT,
    HttpStatus.BAD_GATEWAY,
    HttpStatus.SERVICE_UNAVAILABLE,
    HttpStatus.GATEWAY_TIMEOUT,
  )
  setThreshold(
    @Param() params: HostAddressParamsDto,
    @Query() query: ThresholdQueryDto,
  ): Promise<ThresholdResponseDto> {
    return this.thresholds.setOnHost(params.address, query.threshold);
  }

  @Put(':address')
  @ApiOperation({
    summary: 'Add a host to supervision',
    description:
      'It is listed as waiting until its manager announces itself, then gets its configuration.',
  })
  @ApiCreatedResponse({ type: HostResponseDto, description: 'The host was added' })
  @ApiOkResponse({
    type: HostResponseDto,
    description: 'The host was known; nothing changed',
  })
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.SERVICE_UNAVAILABLE)
  addHost(
    @Param() params: HostAddressParamsDto,
    @Query() _query: NoQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): HostResponseDto {
    const { host, created } = this.hosts.add(params.address);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);

    return host;
  }

  @Delete(':address')
  @ApiOperation({
    summary: 'Remove a host from supervision',
    description:
      'Its manager is retired when it can be reached; a silent one does not block.',
  })
  @ApiOkResponse({ type: HostRemovalResponseDto })
  @ApiErrorResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.NOT_FOUND,
    HttpStatus.SERVICE_UNAVAILABLE,
  )
  removeHost(
    @Param() params: HostAddressParamsDto,
    @Query() _query: NoQueryDto,
  ): Promise<HostRemovalResponseDto> {
    return this.hosts.remove(params.address);
  }
}
