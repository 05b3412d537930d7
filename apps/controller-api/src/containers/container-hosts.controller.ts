import {
  Body,
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
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';

import { HostDeploymentService } from '../deployment/host-deployment.service';
import { ManagerDeploymentDto } from '../deployment/manager-deployment.dto';
import {
  ApiErrorResponses,
  ApiManagerCommandErrors,
} from '../http/api-error-responses.decorator';
import { AcceptsBody } from '../http/request-body.guard';
import { NoQueryDto } from '../http/no-query.dto';
import { HostAddressParamsDto } from '../hosts/dto/host-address-params.dto';
import { HostResponseDto } from '../hosts/dto/host-response.dto';
import { HostsService } from '../hosts/hosts.service';
import { HostWithdrawalResponseDto } from './dto/host-withdrawal-response.dto';
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
    private readonly deployments: HostDeploymentService,
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
  @ApiManagerCommandErrors()
  setThreshold(
    @Param() params: HostAddressParamsDto,
    @Query() query: ThresholdQueryDto,
  ): Promise<ThresholdResponseDto> {
    return this.thresholds.setOnHost(params.address, query.threshold);
  }

  @Put(':address')
  @AcceptsBody()
  @ApiOperation({
    summary: 'Add a host to supervision, deploying its manager when given its engine',
    description:
      'Without a body the host is listed as waiting until its manager announces itself. ' +
      "With the host's engine endpoint the controller copies the manager image there " +
      'when missing, starts the manager container and lists the host as deploying, then ' +
      'live once the manager announces itself; a failed step leaves nothing behind.',
  })
  @ApiBody({ type: ManagerDeploymentDto, required: false })
  @ApiCreatedResponse({ type: HostResponseDto, description: 'The host was added' })
  @ApiOkResponse({
    type: HostResponseDto,
    description: 'The host was known; its deployed manager runs',
  })
  @ApiErrorResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.CONFLICT,
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    HttpStatus.BAD_GATEWAY,
    HttpStatus.SERVICE_UNAVAILABLE,
  )
  async addHost(
    @Param() params: HostAddressParamsDto,
    @Query() _query: NoQueryDto,
    @Body() deployment: ManagerDeploymentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HostResponseDto> {
    if (deployment.engine === undefined && deployment.engineSocket === undefined) {
      const { host, created } = this.hosts.add(params.address);
      response.status(created ? HttpStatus.CREATED : HttpStatus.OK);

      return host;
    }

    const { created } = await this.deployments.deploy(params.address, deployment);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);

    return this.hosts.get(params.address);
  }

  @Delete(':address')
  @ApiOperation({
    summary: 'Remove a host from supervision',
    description:
      'Its manager is retired when it can be reached; a silent one does not block. ' +
      'A manager the controller deployed is then stopped and its container removed.',
  })
  @ApiOkResponse({ type: HostWithdrawalResponseDto })
  @ApiErrorResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.NOT_FOUND,
    HttpStatus.SERVICE_UNAVAILABLE,
  )
  async removeHost(
    @Param() params: HostAddressParamsDto,
    @Query() _query: NoQueryDto,
  ): Promise<HostWithdrawalResponseDto> {
    const removal = await this.hosts.remove(params.address);
    const withdrawal = await this.deployments.withdraw(params.address);

    return { ...removal, ...withdrawal };
  }
}
