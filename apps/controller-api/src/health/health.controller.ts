import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { HealthResponseDto, HealthStatus } from './health-response.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({
    summary: 'Controller health',
    description: 'Degraded while the controller has no connection to the broker.',
  })
  @ApiResponse({
    status: 200,
    type: HealthResponseDto,
    description: 'Connected to the broker',
  })
  @ApiResponse({
    status: 503,
    type: HealthResponseDto,
    description: 'No broker connection',
  })
  check(@Res({ passthrough: true }) response: Response): HealthResponseDto {
    const report = this.health.check();

    // The body is the report in both cases, so set the status rather than throw.
    response.status(
      report.status === HealthStatus.Ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
    );

    return report;
  }
}
